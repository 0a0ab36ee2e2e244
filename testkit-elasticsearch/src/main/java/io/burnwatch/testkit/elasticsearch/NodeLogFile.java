package io.burnwatch.testkit.elasticsearch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log of a node while it runs: ES's loggers ({@code org.elasticsearch.*}) at INFO into a file under the node's
 * {@code path.logs}, and not on to the console, where a test run wants only its own lines. Its tail goes into the
 * error when the node does not start. ES has no per-node logger, so if two nodes run in one JVM each file has the
 * lines of both (the thread names say which node: {@code elasticsearch[node-name][...]}).
 */
final class NodeLogFile implements AutoCloseable {

    private static final String ES_LOGGER = "org.elasticsearch";
    private static final String PATTERN = "[%d{ISO8601}][%-5p][%c{1.}] [%t] %m%n";

    private final Path file;
    private final FileAppender appender;

    private NodeLogFile(Path file, FileAppender appender) {
        this.file = file;
        this.appender = appender;
    }

    static NodeLogFile attach(Path file) {
        LoggerContext context = LoggerContext.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender = FileAppender.newBuilder()
                .setName("burnwatch-es:" + file)
                .withFileName(file.toString())
                .setLayout(PatternLayout.newBuilder().withConfiguration(config).withPattern(PATTERN).build())
                .setConfiguration(config)
                .build();
        appender.start();
        synchronized (NodeLogFile.class) {
            esLoggerConfig(config).addAppender(appender, null, null);
            context.updateLoggers();
        }
        return new NodeLogFile(file, appender);
    }

    /** The configuration's own {@code org.elasticsearch} logger if it has one, else a new one at INFO, not additive. */
    private static LoggerConfig esLoggerConfig(Configuration config) {
        LoggerConfig existing = config.getLoggers().get(ES_LOGGER);
        if (existing != null) {
            return existing;
        }
        LoggerConfig created = LoggerConfig.newBuilder()
                .withLoggerName(ES_LOGGER).withLevel(Level.INFO).withAdditivity(false).withConfig(config).build();
        config.addLogger(ES_LOGGER, created);
        return created;
    }

    Path file() {
        return file;
    }

    /** The last {@code lines} lines, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return all.isEmpty() ? "(empty)" : String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        LoggerContext context = LoggerContext.getContext(false);
        synchronized (NodeLogFile.class) {
            LoggerConfig esLogger = context.getConfiguration().getLoggers().get(ES_LOGGER);
            if (esLogger != null) {
                esLogger.removeAppender(appender.getName());
            }
            context.updateLoggers();
        }
        appender.stop();
    }
}
