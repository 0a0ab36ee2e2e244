/**
 * Decoders of spans: OTLP/HTTP protobuf and JSON ({@code POST /v1/traces}) and Zipkin v2 JSON
 * ({@code POST /api/v2/spans}) into one small {@link io.burnwatch.ingest.traces.Span} model that
 * SLI matching reads. Invalid spans are rejected one by one with their place and reason
 * ({@link io.burnwatch.ingest.traces.SpanRejection}), so the OTLP endpoint can answer with partial
 * success; a body that is not the format at all is a
 * {@link io.burnwatch.ingest.traces.SpanDecodeException}. docs/traces.md lists what is read, what
 * is rejected and the measured speed.
 */
package io.burnwatch.ingest.traces;
