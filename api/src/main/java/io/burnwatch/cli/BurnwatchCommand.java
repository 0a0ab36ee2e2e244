package io.burnwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code burnwatch}: the command line. Exit codes: 0 ok, 1 invalid input, 2 usage error. */
@Command(name = "burnwatch", mixinStandardHelpOptions = true, version = "burnwatch 0.1.0",
        description = "SLOs, error budgets and burn-rate alerts from Telegraf metrics and traces.",
        subcommands = {RunCommand.class, IngestCommand.class, ApiCommand.class, DashboardsCommand.class, ReportCommand.class, ValidateCommand.class, PolicyCommand.class, ConvertCommand.class, CommandLine.HelpCommand.class})
public final class BurnwatchCommand implements Runnable {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;
    /** What the command talks to failed (an SMTP server refused, the API answered 5xx). */
    static final int FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BurnwatchCommand());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : INVALID);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("burnwatch: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'burnwatch " + ex.getCommandLine().getCommandName()
                    .replace("burnwatch", "").trim() + " --help'.".replace("burnwatch  --help", "burnwatch --help"));
            return USAGE;
        });
        return cli;
    }
}
