/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * board.h: the display boards' shared state in one server process, and
 * the watcher that keeps it current across server instances.
 *
 * Per office with at least one open event stream (a board on a TV, a
 * citizen's phone), the hub keeps the board as JSON, rendered once per
 * change, and its change number. The event streams (GET
 * /queue/{code}/events) are parked connections (res_stream_parked(),
 * http/request.h) that copy the JSON out when it changes and otherwise
 * hold no thread.
 *
 * How a change reaches every instance: every queue write adds one to its
 * office's change counter (queue_offices.seq) in its own transaction. A
 * watcher thread in every `serve` process reads all counters every
 * BOARD_WATCH_MS milliseconds (one small query, on SQLite and PostgreSQL
 * alike) and at once when a handler of its own process wrote
 * (board_poke()); for an office whose counter moved (or whose day
 * changed) and that someone watches, it reads the board, renders it and
 * wakes that office's streams. A call made through any instance is
 * therefore on every board within BOARD_WATCH_MS plus a query and a
 * write, well inside the second the issue asks for. PostgreSQL
 * LISTEN/NOTIFY would save the polling, but would need a connection per
 * instance held open outside the driver interface and a second path for
 * SQLite; the counter works the same on both.
 */
#ifndef SP_APP_BOARD_H
#define SP_APP_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

struct app;
struct db;
struct arena;

#define BOARD_WATCH_MS 250

/* Start the watcher for app (its own database connection). */
void board_start(struct app *app);
/* Stop it (before the HTTP server is stopped). */
void board_stop(void);
/* A handler of this process changed a queue: look now. */
void board_poke(void);

/*
 * A new stream for office_id (code for the JSON): count it, and make sure
 * the hub holds a current board, read through db (the handler's
 * connection) when it does not.
 */
enum err board_subscribe(struct db *db, struct arena *a, int64_t office_id,
                         const char *code, const char *day, int offset_min)
    __attribute__((warn_unused_result));
/* A stream ended. */
void board_unsubscribe(int64_t office_id);
/*
 * Append to out the SSE event of office_id's board when its version is
 * not *version (then *version is updated); false when there is nothing
 * new. The event is "id: SEQ\nevent: board\ndata: JSON\n\n".
 */
bool board_event(int64_t office_id, int64_t *version, struct buf *out);
/* Open streams in this process (for logs and tests). */
int64_t board_streams(void);

#endif
