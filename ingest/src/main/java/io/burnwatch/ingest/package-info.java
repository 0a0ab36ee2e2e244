package io.burnwatch.ingest;
