/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * routes.c: the route table. Every route names the permission it needs
 * and whether it changes state (ROUTE_CSRF: POST with a CSRF token, checked
 * by the router before the handler runs).
 */
#include "app/app.h"
#include "app/apps.h"
#include "app/complaints.h"
#include "app/notify.h"
#include "app/open311.h"
#include "app/oversight.h"
#include "app/readiness.h"
#include "app/queue.h"

#define GET HTTP_GET
#define POST HTTP_POST
#define STAFF PERM_STAFF
#define CSRF ROUTE_CSRF
#define BEARER ROUTE_BEARER
#define REPORT ROUTE_REPORT
#define ANYPW ROUTE_ANY_PASSWORD

const struct route app_routes[] = {
    /* Public pages. */
    {GET, "/", h_home, 0, 0},
    {GET, "/services", h_catalogue, 0, 0},
    {GET, "/services/{}", h_service, 0, 0},
    {GET, "/services/{}/poster", h_poster, 0, 0},
    {GET, "/offices", h_offices, 0, 0},
    {GET, "/offices/{}", h_office, 0, 0},
    {GET, "/lang/{}", h_lang, 0, 0},
    {GET, "/healthz", h_healthz, 0, 0},
    {GET, "/metrics", h_metrics, 0, ROUTE_OWN_AUTH},
    {GET, "/track", h_track, 0, 0},
    {GET, "/complaints/new", h_complaint_form, 0, 0},
    {POST, "/complaints", h_complaint_submit, 0, CSRF},
    {GET, "/complaints/received", h_complaint_received, 0, 0},
    {GET, "/complaints/track", h_complaint_track, 0, 0},
    {POST, "/complaints/track", h_complaint_reply, 0, CSRF},
    {GET, "/survey", h_survey_form, 0, 0},

    /* Open311 GeoReport v2 (api_key in the form: no cookies, no CSRF). */
    {GET, "/open311/v2/discovery.json", h_open311_discovery, 0, 0},
    {GET, "/open311/v2/discovery.xml", h_open311_discovery, 0, 0},
    {GET, "/open311/v2/services.json", h_open311_services, 0, 0},
    {GET, "/open311/v2/services.xml", h_open311_services, 0, 0},
    {GET, "/open311/v2/services/{}", h_open311_service, 0, 0},
    {GET, "/open311/v2/requests.json", h_open311_requests, 0, 0},
    {GET, "/open311/v2/requests.xml", h_open311_requests, 0, 0},
    {POST, "/open311/v2/requests.json", h_open311_post_request, 0, 0},
    {POST, "/open311/v2/requests.xml", h_open311_post_request, 0, 0},
    {GET, "/open311/v2/requests/{}", h_open311_request, 0, 0},
    {GET, "/open311/v2/tokens/{}", h_open311_token, 0, 0},
    {GET, "/survey/kiosk", h_survey_kiosk, 0, 0},
    {POST, "/survey", h_survey_submit, 0, CSRF},
    {GET, "/reports/ikm", h_report_ikm, 0, 0},
    {GET, "/performance", h_performance, 0, REPORT},
    {GET, "/static/*", h_static, 0, 0},

    /* Signing in and the account. */
    {GET, "/login", h_login_form, 0, 0},
    {POST, "/login", h_login, 0, CSRF},
    {POST, "/logout", h_logout, STAFF, CSRF | ANYPW},
    {GET, "/account/password", h_password_form, STAFF, ANYPW},
    {POST, "/account/password", h_password, STAFF, CSRF | ANYPW},
    {GET, "/staff", h_staff_home, STAFF, 0},

    /* Intake at the counter, the work list, one application. */
    {GET, "/intake", h_intake_services, STAFF, 0},
    {GET, "/intake/{}", h_intake_form, STAFF, 0},
    {POST, "/intake/{}", h_intake_submit, STAFF, CSRF},
    {GET, "/work", h_work, STAFF, 0},
    {GET, "/complaints", h_complaints, PERM_COMPLAINTS, 0},
    {GET, "/complaints/paper", h_complaint_paper_form, PERM_COMPLAINT_DESK, 0},
    {POST, "/complaints/paper", h_complaint_paper, PERM_COMPLAINT_DESK, CSRF},
    {GET, "/complaints/photo/{}", h_complaint_photo, PERM_COMPLAINTS, 0},
    {GET, "/complaints/{}", h_complaint, PERM_COMPLAINTS, 0},
    {POST, "/complaints/{}/events", h_complaint_event, PERM_COMPLAINTS, CSRF},
    {GET, "/applications/{}", h_application, STAFF, 0},
    {GET, "/applications/{}/receipt", h_receipt, STAFF, 0},
    {POST, "/applications/{}/events", h_application_event, STAFF, CSRF},

    /* Oversight: the regency's view (a head of office: the own office's;
     * scope_oversight() decides per office). */
    {GET, "/oversight", h_oversight, PERM_OFFICE_REPORT, REPORT},
    {GET, "/oversight/offices/{}", h_oversight_office, PERM_OFFICE_REPORT,
     REPORT},
    {GET, "/oversight/offices/{}/applications", h_oversight_applications,
     PERM_OFFICE_REPORT, REPORT},
    {GET, "/oversight/overdue", h_oversight_overdue, PERM_OFFICE_REPORT,
     REPORT},
    {GET, "/oversight/trends", h_oversight_trends, PERM_OFFICE_REPORT, REPORT},
    {GET, "/oversight/report", h_oversight_report, PERM_OFFICE_REPORT, REPORT},
    {GET, "/oversight/escalations", h_oversight_escalations, PERM_ESCALATIONS,
     0},
    {GET, "/oversight/escalations/{}/instruct", h_oversight_instruct_form,
     PERM_INSTRUCT, 0},
    {POST, "/oversight/escalations/{}/instruct", h_oversight_instruct,
     PERM_INSTRUCT, CSRF},
    {GET, "/followups", h_followups, STAFF, 0},
    {POST, "/followups/{}/acknowledge", h_followup_acknowledge, PERM_FOLLOWUP,
     CSRF},
    {POST, "/followups/{}/answer", h_followup_answer, PERM_FOLLOWUP, CSRF},

    /* Administration. */
    {GET, "/admin/users", h_admin_users, PERM_USERS, 0},
    {POST, "/admin/users", h_admin_user_create, PERM_USERS, CSRF},
    {GET, "/admin/users/{}", h_admin_user, PERM_USERS, 0},
    {POST, "/admin/users/{}", h_admin_user_update, PERM_USERS, CSRF},
    {GET, "/admin/apikeys", h_admin_apikeys, PERM_APIKEYS, 0},
    {POST, "/admin/apikeys", h_admin_apikey_create, PERM_APIKEYS, CSRF},
    {POST, "/admin/apikeys/{}/revoke", h_admin_apikey_revoke, PERM_APIKEYS,
     CSRF},
    {GET, "/admin/offices", h_admin_offices, PERM_OFFICES, 0},
    /* Heads of office edit their own office (scope checked per record). */
    {GET, "/admin/offices/{}", h_admin_office, PERM_OWN_OFFICE, 0},
    {POST, "/admin/offices/{}", h_admin_office_update, PERM_OWN_OFFICE, CSRF},
    {POST, "/admin/offices/{}/closures", h_admin_closure_add, PERM_OWN_OFFICE,
     CSRF},
    {POST, "/admin/offices/{}/closures/{}/delete", h_admin_closure_delete,
     PERM_OWN_OFFICE, CSRF},
    {GET, "/admin/calendar", h_admin_calendar, PERM_OFFICES, 0},
    {POST, "/admin/calendar", h_admin_calendar_add, PERM_OFFICES, CSRF},
    {POST, "/admin/calendar/import", h_admin_calendar_import, PERM_OFFICES,
     CSRF},
    {GET, "/admin/calendar/{}/delete", h_admin_calendar_delete_ask,
     PERM_OFFICES, 0},
    {POST, "/admin/calendar/{}/delete", h_admin_calendar_delete, PERM_OFFICES,
     CSRF},
    {GET, "/admin/surveys/import", h_admin_survey_import_form,
     PERM_SURVEY_PAPER, 0},
    {POST, "/admin/surveys/import", h_admin_survey_import, PERM_SURVEY_PAPER,
     CSRF},
    {POST, "/admin/surveys/users", h_admin_survey_users, PERM_SURVEY_PAPER,
     CSRF},
    {GET, "/admin/complaint-categories", h_admin_complaint_categories,
     PERM_CATALOGUE, 0},
    {POST, "/admin/complaint-categories", h_admin_complaint_category_put,
     PERM_CATALOGUE, CSRF},
    {GET, "/admin/services", h_admin_services, PERM_CATALOGUE, 0},
    {GET, "/admin/search", h_admin_synonyms, PERM_CATALOGUE, 0},
    {POST, "/admin/search", h_admin_synonyms_save, PERM_CATALOGUE, CSRF},
    {GET, "/admin/services/{}", h_admin_service, PERM_CATALOGUE, 0},
    {POST, "/admin/services/{}", h_admin_service_save, PERM_CATALOGUE, CSRF},
    {GET, "/admin/services/{}/compare", h_admin_service_compare, PERM_CATALOGUE,
     0},
    {POST, "/admin/services/{}/cancel-scheduled", h_admin_service_cancel,
     PERM_CATALOGUE, CSRF},
    {GET, "/admin/audit", h_admin_audit, PERM_AUDIT, 0},
    {GET, "/devices", h_devices, PERM_DEVICES, 0},
    {POST, "/devices", h_device_enrol, PERM_DEVICES, CSRF},
    {POST, "/devices/{}/revoke", h_device_revoke, PERM_DEVICES, CSRF},

    /* The counter queue: the ticket kiosk (an enrolled device), the
     * display board and its event stream, the citizen's pages, bookings;
     * the officer's desk, the counters' set-up, the figures. */
    {GET, "/queue/kiosk", h_queue_kiosk, 0, 0},
    {POST, "/queue/kiosk", h_queue_kiosk_issue, 0, CSRF},
    {GET, "/queue/kiosk/ticket", h_queue_kiosk_ticket, 0, 0},
    {GET, "/queue/{}/board", h_queue_board, 0, 0},
    {GET, "/queue/{}/events", h_queue_events, 0, 0},
    {GET, "/queue/ticket", h_queue_follow, 0, 0},
    {GET, "/queue/book", h_queue_book_form, 0, 0},
    {POST, "/queue/book", h_queue_book, 0, CSRF},
    {GET, "/queue/booking", h_queue_booking, 0, 0},
    {POST, "/queue/booking/cancel", h_queue_booking_cancel, 0, CSRF},
    {GET, "/queue/desk", h_queue_desk, PERM_QUEUE_DESK, 0},
    {POST, "/queue/desk/counter", h_queue_desk_counter, PERM_QUEUE_DESK, CSRF},
    {POST, "/queue/desk/call", h_queue_desk_call, PERM_QUEUE_DESK, CSRF},
    {POST, "/queue/desk/tickets/{}/{}", h_queue_desk_act, PERM_QUEUE_DESK,
     CSRF},
    {GET, "/queue/admin", h_queue_admin, PERM_QUEUE_ADMIN, 0},
    {POST, "/queue/admin/counters", h_queue_admin_counter, PERM_QUEUE_ADMIN,
     CSRF},
    {POST, "/queue/admin/settings", h_queue_admin_settings, PERM_QUEUE_ADMIN,
     CSRF},
    {GET, "/queue/figures", h_queue_figures, STAFF, 0},
    {GET, "/api/v1/offices/{}/queue", h_api_queue, 0, BEARER},
    /* A kiosk device (X-Satupintu-Device) or a front-office key; the
     * handler refuses a browser session (no device, no key). */
    {POST, "/api/v1/offices/{}/queue/tickets", h_api_queue_issue, 0, BEARER},
    {POST, "/api/v1/offices/{}/queue/call", h_api_queue_call, PERM_QUEUE_DESK,
     BEARER | CSRF},
    {POST, "/api/v1/queue/tickets/{}/{}", h_api_queue_act, PERM_QUEUE_DESK,
     BEARER | CSRF},
    {GET, "/api/v1/queue/follow", h_api_queue_follow, 0, 0},
    {POST, "/api/v1/offices/{}/bookings", h_api_bookings, 0, 0},
    {GET, "/api/v1/reports/queue", h_api_report_queue, STAFF, BEARER},

    /* JSON API (public catalogue; a bearer key is accepted). */
    {GET, "/api/v1/services", h_api_services, 0, BEARER},
    {GET, "/api/v1/services/{}", h_api_service, 0, BEARER},
    {GET, "/api/v1/offices", h_api_offices, 0, BEARER},
    {GET, "/api/v1/offices/{}", h_api_office, 0, BEARER},
    {GET, "/api/v1/me", h_api_me, STAFF, BEARER},
    {GET, "/api/v1/services/{}/promise", h_api_promise, 0, BEARER},
    {GET, "/api/v1/track/{}", h_api_track, 0, 0},
    {POST, "/api/v1/surveys", h_api_survey, 0, 0},
    {POST, "/api/v1/surveys/import", h_api_survey_import, PERM_SURVEY_PAPER,
     BEARER | CSRF},
    {GET, "/api/v1/reports/ikm", h_api_report_ikm, 0, BEARER},
    {GET, "/api/v1/reports/performance", h_api_report_performance,
     PERM_OFFICE_REPORT, BEARER | REPORT},
    /* Staff API: a bearer key (a session would need a CSRF token). */
    {POST, "/api/v1/applications", h_api_intake, STAFF, BEARER | CSRF},
    {GET, "/api/v1/applications/{}", h_api_application, STAFF, BEARER},
    {POST, "/api/v1/applications/{}/events", h_api_application_event, STAFF,
     BEARER | CSRF},

    /* Office readiness (issue 11): the facilities standard, inspections,
     * reports of inability, socialisation. Scope per record in
     * app/readiness.c (scope_readiness, scope_assess, scope_inspect). */
    {GET, "/offices/{}/leaflet", h_leaflet, 0, 0},
    {GET, "/offices/{}/announcement", h_announcement, 0, 0},
    {GET, "/readiness", h_readiness_home, STAFF, 0},
    {GET, "/readiness/{}", h_readiness_office, STAFF, 0},
    {GET, "/readiness/{}/assess", h_assess_form, PERM_ASSESS, 0},
    {POST, "/readiness/{}/assess", h_assess_submit, PERM_ASSESS, CSRF},
    {POST, "/readiness/{}/inspections", h_inspect_submit, PERM_INSPECT, CSRF},
    {GET, "/readiness/{}/inability/new", h_inability_form, PERM_ASSESS, 0},
    {POST, "/readiness/{}/inability", h_inability_submit, PERM_ASSESS, CSRF},
    {POST, "/readiness/{}/socialisation", h_socialisation_submit, PERM_ASSESS,
     CSRF},
    {POST, "/readiness/findings/{}/answer", h_finding_answer, PERM_ASSESS,
     CSRF},
    {POST, "/readiness/findings/{}/events", h_finding_event, PERM_INSPECT,
     CSRF},
    {GET, "/readiness/photo/{}", h_readiness_photo, STAFF, 0},
    {GET, "/inability/{}", h_inability, STAFF, 0},
    {POST, "/inability/{}/acknowledge", h_inability_ack, PERM_INSTRUCT, CSRF},
    {POST, "/inability/{}/decision", h_inability_decide, PERM_INSTRUCT, CSRF},
    {GET, "/oversight/readiness", h_oversight_readiness, PERM_READINESS_ALL, 0},
    {GET, "/oversight/inability", h_oversight_inability, PERM_READINESS_ALL, 0},
    {GET, "/oversight/socialisation", h_oversight_socialisation,
     PERM_READINESS_ALL, 0},
    {GET, "/admin/facilities", h_admin_facilities, PERM_CATALOGUE, 0},
    {POST, "/admin/facilities", h_admin_facility_put, PERM_CATALOGUE, CSRF},
    {GET, "/api/v1/facilities", h_api_facilities, 0, BEARER},
    {POST, "/api/v1/offices/{}/assessments", h_api_assessment, PERM_ASSESS,
     BEARER | CSRF},
    {POST, "/api/v1/offices/{}/inability-reports", h_api_inability, PERM_ASSESS,
     BEARER | CSRF},
    {POST, "/api/v1/offices/{}/socialisation", h_api_socialisation, PERM_ASSESS,
     BEARER | CSRF},
    {GET, "/api/v1/inability-reports/{}", h_api_inability_get, STAFF, BEARER},
    {POST, "/api/v1/inability-reports/{}/decision", h_api_inability_decision,
     PERM_INSTRUCT, BEARER | CSRF},
    {GET, "/api/v1/reports/socialisation", h_api_report_socialisation,
     PERM_READINESS_ALL, BEARER},

    /* Notifications (issue 14): the SMS gateway's texts in (signed with
     * the SMS token instead of a key or cookie), the stop link, the
     * outbox and webhooks. */
    {POST, "/api/v1/inbound/sms", h_inbound_sms, 0, 0},
    {GET, "/notify/stop", h_notify_stop_form, 0, 0},
    {POST, "/notify/stop", h_notify_stop, 0, CSRF},
    {GET, "/admin/notifications", h_admin_notifications, PERM_NOTIFICATIONS, 0},
    {POST, "/admin/notifications/{}/resend", h_admin_notification_resend,
     PERM_NOTIFICATIONS, CSRF},
    {GET, "/admin/webhooks", h_admin_webhooks, PERM_WEBHOOKS, 0},
    {POST, "/admin/webhooks", h_admin_webhook_create, PERM_WEBHOOKS, CSRF},
    {POST, "/admin/webhooks/{}/revoke", h_admin_webhook_revoke, PERM_WEBHOOKS,
     CSRF},
    {GET, "/api/v1/notifications/stats", h_api_notify_stats, PERM_NOTIFICATIONS,
     BEARER},
};

const size_t app_n_routes = sizeof(app_routes) / sizeof(app_routes[0]);
