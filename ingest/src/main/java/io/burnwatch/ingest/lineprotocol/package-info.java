/**
 * InfluxDB line protocol, the format Telegraf writes: {@link io.burnwatch.ingest.lineprotocol.LineProtocolDecoder}
 * decodes a batch in one pass and hands each good line to a
 * {@link io.burnwatch.ingest.lineprotocol.PointHandler} as a reused
 * {@link io.burnwatch.ingest.lineprotocol.PointView} (no allocation per line); bad lines come back in the
 * {@link io.burnwatch.ingest.lineprotocol.DecodeResult} with line, column and cause.
 * {@link io.burnwatch.ingest.lineprotocol.LineProtocol} materialises {@link io.burnwatch.ingest.lineprotocol.Point}
 * records for tests and other paths that are not hot. What is accepted, and why, is in
 * {@code docs/line-protocol.md}.
 */
package io.burnwatch.ingest.lineprotocol;
