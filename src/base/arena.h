/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * arena.h: region allocation for requests, and the aborting allocators.
 *
 * Each HTTP request owns one arena, created on its first callback and freed
 * when the request completes; handlers and views allocate from it and never
 * call free(). Allocation failure aborts the process (the service manager
 * restarts it): no caller checks for NULL.
 */
#ifndef SP_BASE_ARENA_H
#define SP_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new empty arena; caller frees with arena_free(). */
struct arena *arena_new(void);
/* Free the arena and everything allocated from it. NULL is a no-op. */
void arena_free(struct arena *a);
/* n zeroed bytes, aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies owned by the arena; NULL in, NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* A formatted string owned by the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/*
 * Grow an arena array: when n == *cap, a copy with room for twice as many
 * (at least 16) elements of size bytes, *cap updated; otherwise items.
 * Use: if (n == cap) items = arena_grow(a, items, n, &cap, sizeof(*items));
 */
void *arena_grow(struct arena *a, void *items, size_t n, size_t *cap,
                 size_t size);
/* Bytes handed out so far (for tests and caps). */
size_t arena_used(const struct arena *a);

/* Heap allocation that aborts on failure; caller frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
