/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311_xml.h: the XML form of Open311 GeoReport v2 documents.
 *
 * Every answer is built once (views/open311.c shapes it, app/open311.c
 * answers it) as a jansson value laid out as the specification's JSON
 * form; this module writes the
 * same value as the specification's XML form with libxml2's xmlwriter, so
 * the two formats cannot drift apart. It never touches the database and
 * never prints XML by hand: every name and text goes through xmlwriter,
 * which escapes it.
 *
 * Mapping (GeoReport v2 "Format Support"):
 *   - the document starts with <?xml version="1.0" encoding="UTF-8"?>;
 *   - a top-level array becomes <ROOT><ITEM>...</ITEM>...</ROOT>, e.g.
 *     <services><service>, <service_requests><request>, <errors><error>;
 *   - a top-level object becomes <ROOT>fields</ROOT>, e.g.
 *     <service_definition>, <discovery>;
 *   - an object field becomes an element named by its key, in the order
 *     the object was built; an array field becomes <key> holding one
 *     element per entry, named by open311_xml_item_name(key)
 *     (attributes/attribute, values/value, endpoints/endpoint,
 *     formats/format, errors/error, services/service);
 *   - strings become element text through text_safe() (base/text.h:
 *     valid UTF-8 with only the characters XML 1.0 allows, whatever the
 *     database holds), integers decimal, reals "%g",
 *     true/false "true"/"false", null an empty element (<account_id/>).
 */
#ifndef SP_VIEWS_OPEN311_XML_H
#define SP_VIEWS_OPEN311_XML_H

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"

struct arena;

/* The element name of the entries of an array field named key. */
const char *open311_xml_item_name(const char *key);

/*
 * Append doc (borrowed; an array or an object) as an XML document to out.
 * root is the root element's name; item names a top-level array's
 * entries (ignored for an object). Temporary text comes from a.
 * ERR_TOO_LARGE when out's cap is reached (out then holds what fitted),
 * ERR_INVALID when libxml2 refuses (for instance a key that is no XML
 * name).
 */
enum err open311_xml_write(const json_t *doc, const char *root,
                           const char *item, struct arena *a, struct buf *out)
    __attribute__((warn_unused_result));

/*
 * The same document written entry by entry, for a list too long to hold
 * at once (a streamed answer): begin, then one call per entry, then end;
 * each call appends to out what the writer has produced so far, so the
 * bytes are those open311_xml_write() gives for the whole array. Free the
 * stream with open311_xml_stream_free() however it ended. Errors as
 * open311_xml_write().
 */
struct open311_xml_stream;
enum err open311_xml_stream_begin(const char *root, const char *item,
                                  struct open311_xml_stream **out)
    __attribute__((warn_unused_result));
enum err open311_xml_stream_item(struct open311_xml_stream *x, const json_t *v,
                                 struct arena *a, struct buf *out)
    __attribute__((warn_unused_result));
enum err open311_xml_stream_end(struct open311_xml_stream *x, struct buf *out)
    __attribute__((warn_unused_result));
void open311_xml_stream_free(struct open311_xml_stream *x);

#endif
