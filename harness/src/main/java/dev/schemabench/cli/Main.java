package dev.schemabench.cli;

import dev.schemabench.db.ProvisioningException;
import dev.schemabench.internal.Version;
import dev.schemabench.shared.EnvironmentVariables;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code schemabench} command line: one subcommand per job, shared exit codes, no stack trace for users. */
@Command(name = "schemabench", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        description = "Measures which storage design a similarity service should use.",
        subcommands = {CompareCommand.class, ServeCommand.class, ReportCommand.class, GateCommand.class,
            ServiceBenchCommand.class})
public final class Main implements Runnable {

    /** Set {@code SCHEMABENCH_DEBUG=1} to see stack traces of unexpected failures. */
    static final boolean DEBUG = System.getenv(EnvironmentVariables.DEBUG) != null;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; never calls {@code System.exit}. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.getSubcommands().get("compare").getCommandSpec().usageMessage()
                .footer(CompareCommand.profileDefaults());
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("error: " + exception.getMessage() + " (see '"
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (exception instanceof UsageException || exception instanceof ProvisioningException
                    || exception instanceof IllegalArgumentException) {
                err.println("error: " + exception.getMessage());
                err.flush();
                return ExitCode.USAGE;
            }
            err.println("error: " + (exception.getMessage() == null ? exception.toString() : exception.getMessage()));
            if (DEBUG) {
                exception.printStackTrace(err);
            }
            err.flush();
            return ExitCode.FAILURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The project version and the git commit of the build, as {@code --version} prints them on every command. */
    static final class VersionText implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"schemabench " + Version.current().describe()};
        }
    }
}
