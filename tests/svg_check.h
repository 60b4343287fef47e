/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svg_check.h: what the chart tests (tests/unit/test_chart.c) and the
 * chart fuzz target (tests/fuzz/fuzz_chart.c) check on every drawing of
 * views/chart.h, with libxml2:
 *   - svg_parse(): the HTML fragment, wrapped in a <div>, is well-formed
 *     XML (no recovery: one stray '<' or '&' and it is NULL);
 *   - svg_check_doc(): every <svg> has viewBox="0 0 W H" with W, H > 0,
 *     and every coordinate of every element in it (x, y, x1, y1, x2, y2,
 *     cx, cy, points, path data, the centre of a rotate()) is a number
 *     written as -?DIGITS(.D or .DD) (so never "nan" or "inf") that lies
 *     inside the viewBox; width, height and r are such numbers too
 *     (the <svg> itself may say width="100%").
 * A failed check prints why on stderr.
 */
#ifndef SP_TESTS_SVG_CHECK_H
#define SP_TESTS_SVG_CHECK_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define SVG_NS "http://www.w3.org/2000/svg"

/* The fragment s[0..n) inside <div>...</div> as an XML document, or NULL
 * when it is not well-formed (libxml2's complaint on stderr unless quiet).
 * Free with xmlFreeDoc(). */
static inline xmlDocPtr svg_parse(const char *s, size_t n, bool quiet)
{
    size_t len = n + 11;
    char *wrapped = malloc(len + 1);
    if (!wrapped)
        abort();
    memcpy(wrapped, "<div>", 5);
    if (n)
        memcpy(wrapped + 5, s, n);
    memcpy(wrapped + 5 + n, "</div>", 7);
    int opts =
        XML_PARSE_NONET | (quiet ? XML_PARSE_NOERROR | XML_PARSE_NOWARNING : 0);
    xmlDocPtr doc =
        xmlReadMemory(wrapped, (int)len, "chart.xml", "UTF-8", opts);
    free(wrapped);
    return doc;
}

/*
 * A number as the charts write it, s[0..n): an optional '-', digits, and
 * at most two decimals after a '.'; its value in hundredths in *out.
 * False for anything else ("nan", "inf", "1e5", "", "1.", "1.234").
 */
static inline bool svg_num(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && s[i] == '-') {
        neg = true;
        i++;
    }
    int64_t whole = 0;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (whole > INT64_MAX / 1000)
            return false; /* far outside any viewBox */
        whole = whole * 10 + (s[i++] - '0');
        digits++;
    }
    if (digits == 0)
        return false;
    int64_t frac = 0;
    if (i < n && s[i] == '.') {
        i++;
        size_t fd = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && fd < 3) {
            frac = frac * 10 + (s[i++] - '0');
            fd++;
        }
        if (fd == 0 || fd > 2)
            return false;
        if (fd == 1)
            frac *= 10;
    }
    if (i != n)
        return false;
    *out = (whole * 100 + frac) * (neg ? -1 : 1);
    return true;
}

/* The box every coordinate must lie in, in hundredths. */
struct svg_box {
    int64_t w, h;
};

static inline bool svg_in(const struct svg_box *b, int64_t x, int64_t y)
{
    return x >= 0 && x <= b->w && y >= 0 && y <= b->h;
}

/* Numbers separated by spaces and commas, in x y pairs, each inside b;
 * path letters (M L Z) allowed when path. */
static inline bool svg_pairs(const struct svg_box *b, const char *s, bool path)
{
    int64_t v[2];
    int k = 0;
    const char *p = s;
    while (*p) {
        if (*p == ' ' || *p == ',') {
            p++;
            continue;
        }
        if (path && (*p == 'M' || *p == 'L' || *p == 'Z')) {
            if (k != 0)
                return false;
            p++;
            continue;
        }
        size_t n = strcspn(p, path ? " ,MLZ" : " ,");
        if (!svg_num(p, n, &v[k]))
            return false;
        p += n;
        if (++k == 2) {
            if (!svg_in(b, v[0], v[1]))
                return false;
            k = 0;
        }
    }
    return k == 0;
}

static inline bool svg_check_attr(const struct svg_box *b, const char *name,
                                  const char *val, bool root)
{
    int64_t v = 0;
    size_t n = strlen(val);
    if (strcmp(name, "x") == 0 || strcmp(name, "x1") == 0 ||
        strcmp(name, "x2") == 0 || strcmp(name, "cx") == 0)
        return svg_num(val, n, &v) && v >= 0 && v <= b->w;
    if (strcmp(name, "y") == 0 || strcmp(name, "y1") == 0 ||
        strcmp(name, "y2") == 0 || strcmp(name, "cy") == 0)
        return svg_num(val, n, &v) && v >= 0 && v <= b->h;
    if (strcmp(name, "width") == 0 || strcmp(name, "height") == 0 ||
        strcmp(name, "r") == 0)
        return (root && strcmp(val, "100%") == 0) ||
               (svg_num(val, n, &v) && v > 0);
    if (strcmp(name, "points") == 0)
        return svg_pairs(b, val, false);
    if (strcmp(name, "d") == 0)
        return svg_pairs(b, val, true);
    if (strcmp(name, "transform") == 0) {
        int a = 0, used = 0;
        if (sscanf(val, "rotate(%d %n", &a, &used) != 1 || used == 0)
            return false;
        const char *rest = val + used;
        size_t len = strlen(rest);
        if (len == 0 || rest[len - 1] != ')')
            return false;
        char inner[64];
        if (len - 1 >= sizeof(inner))
            return false;
        memcpy(inner, rest, len - 1);
        inner[len - 1] = '\0';
        return (a == -45 || a == -90) && svg_pairs(b, inner, false);
    }
    return true;
}

static inline bool svg_check_tree(const struct svg_box *b, xmlNodePtr node,
                                  bool root)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        xmlChar *val = xmlNodeListGetString(node->doc, a->children, 1);
        const char *sv = val ? (const char *)val : "";
        bool ok = svg_check_attr(b, (const char *)a->name, sv, root);
        if (!ok)
            fprintf(stderr,
                    "svg_check: <%s %s=\"%s\"> is not a number "
                    "inside the viewBox\n",
                    (const char *)node->name, (const char *)a->name, sv);
        xmlFree(val);
        if (!ok)
            return false;
    }
    for (xmlNodePtr c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !svg_check_tree(b, c, false))
            return false;
    return true;
}

/* Check every <svg> under node (see the top of this file); *n_svg counts
 * them. */
static inline bool svg_check_node(xmlNodePtr node, size_t *n_svg)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "svg") == 0) {
            (*n_svg)++;
            if (!c->ns || strcmp((const char *)c->ns->href, SVG_NS) != 0) {
                fprintf(stderr, "svg_check: <svg> without the SVG "
                                "namespace\n");
                return false;
            }
            xmlChar *vb = xmlGetProp(c, (const xmlChar *)"viewBox");
            struct svg_box box = {0, 0};
            int64_t x0 = -1, y0 = -1;
            bool ok = false;
            if (vb) {
                char tmp[4][32];
                if (sscanf((const char *)vb, "%31s %31s %31s %31s", tmp[0],
                           tmp[1], tmp[2], tmp[3]) == 4)
                    ok = svg_num(tmp[0], strlen(tmp[0]), &x0) &&
                         svg_num(tmp[1], strlen(tmp[1]), &y0) &&
                         svg_num(tmp[2], strlen(tmp[2]), &box.w) &&
                         svg_num(tmp[3], strlen(tmp[3]), &box.h) && x0 == 0 &&
                         y0 == 0 && box.w > 0 && box.h > 0;
            }
            if (!ok)
                fprintf(stderr, "svg_check: bad viewBox \"%s\"\n",
                        vb ? (const char *)vb : "(none)");
            xmlFree(vb);
            if (!ok || !svg_check_tree(&box, c, true))
                return false;
            continue;
        }
        if (!svg_check_node(c->children, n_svg))
            return false;
    }
    return true;
}

/* svg_check_node() over the whole document. */
static inline bool svg_check_doc(xmlDocPtr doc, size_t *n_svg)
{
    *n_svg = 0;
    return svg_check_node(xmlDocGetRootElement(doc), n_svg);
}

#endif
