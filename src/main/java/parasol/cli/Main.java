package parasol.cli;

import parasol.model.Providers;
import parasol.suite.SuiteFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

@Command(name = "parasol", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures how AI models behave when people lean on them emotionally.",
        subcommands = {DemoCommand.class, RunCommand.class, JudgeCommand.class, BenchCommand.class, RunsCommand.class, ReportCommand.class, ExportCommand.class, CompareCommand.class,
                SuitesCommand.class, SuiteCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
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
                if (type == JudgeEvalCommand.class) return type.cast(new JudgeEvalCommand(providers));
                if (type == ServeCommand.class) return type.cast(new ServeCommand(environment));
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = new CommandLine(new Main(), factory);
        // Values such as --system @FILE are read by the commands themselves, with errors that name the file.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("parasol: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof FileSystemException f) {
                // A path the user gave that is missing, not a folder, already a file, or not ours to write.
                cmd.getErr().println("parasol: " + f.getFile() + ": " + (f instanceof NoSuchFileException ? "no such file or folder"
                        : f instanceof FileAlreadyExistsException ? "already exists and is not a folder"
                        : f instanceof AccessDeniedException ? "permission denied" : f.getReason() == null ? f.getClass().getSimpleName() : f.getReason()));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof SuiteFormatException s) {
                s.problems().forEach(p -> cmd.getErr().println(p));
                cmd.getErr().println("parasol: " + s.problems().size() + " problem(s) in the input files");
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
