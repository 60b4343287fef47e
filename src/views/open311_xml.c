/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311_xml.c: Open311 GeoReport v2 documents as XML, written with
 * libxml2's xmlwriter from the same jansson value the JSON answer is
 * dumped from (see open311_xml.h).
 */
#include "views/open311_xml.h"

#include <inttypes.h>
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"

/* Deepest nesting written; Open311 documents need 4. */
#define XML_MAX_DEPTH 8

static const struct {
    const char *list; /* array field name */
    const char *item; /* name of each entry */
} item_names[] = {
    {"attributes", "attribute"},
    {"values", "value"},
    {"endpoints", "endpoint"},
    {"formats", "format"},
    {"errors", "error"},
    {"services", "service"},
    {"service_requests", "request"},
};

const char *open311_xml_item_name(const char *key)
{
    for (size_t i = 0; i < sizeof(item_names) / sizeof(item_names[0]); i++)
        if (strcmp(key, item_names[i].list) == 0)
            return item_names[i].item;
    return "item";
}

/* xmlwriter takes xmlChar (unsigned char); the cast is the only one. */
static const xmlChar *X(const char *s)
{
    return (const xmlChar *)s;
}

static int write_value(xmlTextWriterPtr w, struct arena *a, const char *name,
                       const json_t *v, int depth);

/* The entries of array v, each as an element named item. */
static int write_entries(xmlTextWriterPtr w, struct arena *a, const char *item,
                         const json_t *v, int depth)
{
    size_t i;
    const json_t *e;
    json_array_foreach(v, i, e)
    {
        if (write_value(w, a, item, e, depth + 1) < 0)
            return -1;
    }
    return 0;
}

/* The fields of object v, each as an element named by its key. */
static int write_fields(xmlTextWriterPtr w, struct arena *a, const json_t *v,
                        int depth)
{
    const char *key;
    const json_t *f;
    /* jansson keeps insertion order, so the elements follow the build.
     * Its iteration macro takes a non-const object; v is only read, and
     * the cast through uintptr_t keeps -Wcast-qual quiet. */
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    json_object_foreach((json_t *)(uintptr_t)v, key, f)
    {
        if (write_value(w, a, key, f, depth + 1) < 0)
            return -1;
    }
    return 0;
}

static int write_value(xmlTextWriterPtr w, struct arena *a, const char *name,
                       const json_t *v, int depth)
{
    char num[64];
    if (depth > XML_MAX_DEPTH)
        return -1;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        if (xmlTextWriterStartElement(w, X(name)) < 0 ||
            write_fields(w, a, v, depth) < 0)
            return -1;
        return xmlTextWriterEndElement(w);
    case JSON_ARRAY:
        if (xmlTextWriterStartElement(w, X(name)) < 0 ||
            write_entries(w, a, open311_xml_item_name(name), v, depth) < 0)
            return -1;
        return xmlTextWriterEndElement(w);
    case JSON_STRING:
        /* Only characters XML 1.0 allows (no C0 but tab and LF, no
         * U+FFFE/U+FFFF): text_safe(), base/text.h. */
        return xmlTextWriterWriteElement(w, X(name),
                                         X(text_safe(a, json_string_value(v))));
    case JSON_INTEGER:
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        return xmlTextWriterWriteElement(w, X(name), X(num));
    case JSON_REAL:
        snprintf(num, sizeof(num), "%.17g", json_real_value(v));
        return xmlTextWriterWriteElement(w, X(name), X(num));
    case JSON_TRUE:
        return xmlTextWriterWriteElement(w, X(name), X("true"));
    case JSON_FALSE:
        return xmlTextWriterWriteElement(w, X(name), X("false"));
    case JSON_NULL:
        /* An empty element: <account_id/>. */
        if (xmlTextWriterStartElement(w, X(name)) < 0)
            return -1;
        return xmlTextWriterEndElement(w);
    }
    return -1;
}

enum err open311_xml_write(const json_t *doc, const char *root,
                           const char *item, struct arena *a, struct buf *out)
{
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb)
        return ERR_INVALID;
    xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
    if (!w) {
        xmlBufferFree(xb);
        return ERR_INVALID;
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, X("  "));
    int rc = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    if (rc >= 0)
        rc = xmlTextWriterStartElement(w, X(root));
    if (rc >= 0 && json_is_array(doc))
        rc = write_entries(w, a, item, doc, 0);
    else if (rc >= 0 && json_is_object(doc))
        rc = write_fields(w, a, doc, 0);
    else if (rc >= 0)
        rc = -1;
    if (rc >= 0)
        rc = xmlTextWriterEndElement(w);
    if (rc >= 0)
        rc = xmlTextWriterEndDocument(w); /* flushes into xb */
    xmlFreeTextWriter(w);
    enum err result = ERR_INVALID;
    if (rc >= 0) {
        buf_append(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
        result = buf_status(out);
    }
    xmlBufferFree(xb);
    return result;
}

struct open311_xml_stream {
    xmlBufferPtr xb;    /* what the writer produced, not yet handed out */
    xmlTextWriterPtr w; /* the writer, inside the root element */
    const char *item;   /* the entries' element name */
};

/* Move what the writer has produced so far to out. */
static __attribute__((warn_unused_result)) enum err
stream_flush(struct open311_xml_stream *x, struct buf *out)
{
    if (xmlTextWriterFlush(x->w) < 0)
        return ERR_INVALID;
    buf_append(out, xmlBufferContent(x->xb), (size_t)xmlBufferLength(x->xb));
    xmlBufferEmpty(x->xb);
    return buf_status(out);
}

enum err open311_xml_stream_begin(const char *root, const char *item,
                                  struct open311_xml_stream **out)
{
    struct open311_xml_stream *x = xcalloc(1, sizeof(*x));
    x->item = item;
    x->xb = xmlBufferCreate();
    x->w = x->xb ? xmlNewTextWriterMemory(x->xb, 0) : NULL;
    *out = x;
    if (!x->w)
        return ERR_INVALID;
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterSetIndentString(x->w, X("  "));
    if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(x->w, X(root)) < 0)
        return ERR_INVALID;
    return ERR_OK;
}

enum err open311_xml_stream_item(struct open311_xml_stream *x, const json_t *v,
                                 struct arena *a, struct buf *out)
{
    if (write_value(x->w, a, x->item, v, 1) < 0)
        return ERR_INVALID;
    return stream_flush(x, out);
}

enum err open311_xml_stream_end(struct open311_xml_stream *x, struct buf *out)
{
    if (xmlTextWriterEndElement(x->w) < 0 || xmlTextWriterEndDocument(x->w) < 0)
        return ERR_INVALID;
    return stream_flush(x, out);
}

void open311_xml_stream_free(struct open311_xml_stream *x)
{
    if (!x)
        return;
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->xb)
        xmlBufferFree(x->xb);
    free(x);
}
