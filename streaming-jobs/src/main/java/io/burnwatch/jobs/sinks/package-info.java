/**
 * The job's sinks: InfluxDB series, Elasticsearch documents, Alertmanager alerts and webhooks.
 * Adapters only — they turn the job's records into each server's format and deliver them; no SLO
 * math here. Every sink is at-least-once (it delivers what it holds before a checkpoint completes)
 * and every write is idempotent (a replayed record overwrites itself), so a restart or an outage
 * never counts anything twice. While a server is down a sink retries with backoff and holds the
 * job back (backpressure) instead of buffering without bound. See docs/sinks.md.
 */
package io.burnwatch.jobs.sinks;
