package io.burnwatch.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code burnwatch ingest} and {@code burnwatch api} refuse to listen beyond loopback without their tokens. */
class ServiceCommandsTest {

    @Test
    void ingestNeedsWriteTokensBeyondLoopback() {
        IngestCommand ingest = new IngestCommand();
        cli(ingest).parseArgs("--kafka", "127.0.0.1:1", "--host", "0.0.0.0");
        assertThatThrownBy(ingest::start).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("burnwatch.ingest.tokens is not set").hasMessageContaining("BURNWATCH_INGEST_TOKENS=");
    }

    @Test
    void theApiNeedsApiTokensBeyondLoopback() {
        ApiCommand api = new ApiCommand();
        cli(api).parseArgs("--kafka", "127.0.0.1:1", "--host", "0.0.0.0");
        assertThatThrownBy(api::start).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("burnwatch.api.tokens is not set").hasMessageContaining("BURNWATCH_API_TOKENS=");
    }

    @Test
    void aListenerHostFromTheConfigurationCountsToo() {
        System.setProperty("micronaut.server.netty.listeners.api.host", "0.0.0.0");
        try {
            ApiCommand api = new ApiCommand();
            cli(api).parseArgs("--kafka", "127.0.0.1:1");
            assertThatThrownBy(api::start).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("the api listener's host 0.0.0.0 listens beyond this machine");
        } finally {
            System.clearProperty("micronaut.server.netty.listeners.api.host");
        }
    }

    @Test
    void bothNeedKafka() {
        StringWriter err = new StringWriter();
        CommandLine cli = BurnwatchCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        for (String command : new String[] {"ingest", "api"}) {
            org.assertj.core.api.Assertions.assertThat(cli.execute(command)).as(command).isEqualTo(BurnwatchCommand.USAGE);
        }
        org.assertj.core.api.Assertions.assertThat(err.toString().split("Missing required option: '--kafka")).hasSize(3);
    }

    private static CommandLine cli(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli;
    }
}
