package io.burnwatch.cli;
