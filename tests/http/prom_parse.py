#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
# prom_parse.py FILE: parse a /metrics answer with the Prometheus client
# library's own text-format parser (Debian's python3-prometheus-client)
# and print one line per sample, "TYPE NAME{LABELS} VALUE", the labels
# sorted, so that tests/http/test_metrics.c can look samples up. Exits
# non-zero (with the parser's message) when the text does not parse.
import sys

from prometheus_client.parser import text_string_to_metric_families

with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
for family in text_string_to_metric_families(text):
    for sample in family.samples:
        labels = ",".join(
            '%s="%s"' % (k, v) for k, v in sorted(sample.labels.items())
        )
        print("%s %s{%s} %r" % (family.type, sample.name, labels,
                                float(sample.value)))
