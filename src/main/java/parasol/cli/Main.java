package parasol.cli;

import parasol.model.Providers;
import parasol.suite.SuiteFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.NoSuchFileException;
import java.util.Map;

@Command(name = "parasol", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures how AI models behave when people lean on them emotionally.",
        subcommands = {DemoCommand.class, RunCommand.class, JudgeCommand.class, BenchCommand.class, RunsCommand.class, ReportCommand.class,
                SuitesCommand.class, SuiteCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() { return commandLine(System.getenv()); }

    /** The CLI with the environment it reads keys from; tests pass their own. */
    static CommandLine commandLine(Map<String, String> environment) {
        Providers providers = new Providers(environment);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == RunCommand.class) return type.cast(new RunCommand(providers));
                if (type == JudgeCommand.class) return type.cast(new JudgeCommand(providers));
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = new CommandLine(new Main(), factory);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException || e instanceof IllegalArgumentException || e instanceof NoSuchFileException) {
                cmd.getErr().println("parasol: " + (e instanceof NoSuchFileException n ? n.getFile() + ": " + n.getReason() : e.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof SuiteFormatException s) {
                s.problems().forEach(p -> cmd.getErr().println(p));
                cmd.getErr().println("parasol: " + s.problems().size() + " bad record(s)");
                return ExitCodes.BAD_INPUT;
            }
            cmd.getErr().println("parasol: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.INTERNAL;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }

        @Override
        public String[] getVersion() { return new String[] {"parasol " + current()}; }
    }
}
