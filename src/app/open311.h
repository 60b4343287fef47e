/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311.h: the complaint box as an Open311 GeoReport v2 endpoint under
 * /open311/v2/ (http://wiki.open311.org/GeoReport_v2 and
 * http://wiki.open311.org/Service_Discovery), in XML and JSON, the format
 * named by the URL's extension (.xml or .json).
 *
 *   GET  discovery.{xml,json}         the service discovery document
 *   GET  services.{xml,json}          complaint categories as services
 *   GET  services/CODE.{xml,json}     a service definition: attributes
 *                                     "office" (required) and
 *                                     "registration_no" (optional)
 *   POST requests.{xml,json}          file a complaint (form-encoded,
 *                                     api_key required)
 *   GET  requests.{xml,json}          complaints, newest first
 *   GET  requests/NUMBER.{xml,json}   one complaint (a list of one)
 *   GET  tokens/TOKEN.{xml,json}      the complaint a POST token names
 *
 * Errors are the specification's list of {code, description} with the
 * HTTP status as code: 400 bad input, 403 missing or wrong api_key, 404
 * unknown service, request or token. Identifiers and codes are strings;
 * times are ISO 8601 at the regency's offset ("+07:00").
 *
 * What this module must not do: answer any personal data. The name,
 * e-mail, phone and PIN of a complainant never appear in a GET answer
 * (the PIN is told once, to the client that filed the complaint, in the
 * POST's service_notice).
 */
#ifndef SP_APP_OPEN311_H
#define SP_APP_OPEN311_H

#include "http/request.h"

/* The Open311 base path (no trailing slash). */
#define OPEN311_BASE "/open311/v2"

void h_open311_discovery(struct request *req, struct response *res);
void h_open311_services(struct request *req, struct response *res);
void h_open311_service(struct request *req, struct response *res);
void h_open311_post_request(struct request *req, struct response *res);
void h_open311_requests(struct request *req, struct response *res);
void h_open311_request(struct request *req, struct response *res);
void h_open311_token(struct request *req, struct response *res);

#endif
