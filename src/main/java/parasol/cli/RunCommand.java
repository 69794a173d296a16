package parasol.cli;

import parasol.judge.Judges;
import parasol.model.ModelSpec;
import parasol.model.Providers;
import parasol.suite.Suite;
import parasol.suite.SuiteFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Send every suite item to every model, judge every response, store everything.",
                "Re-issuing the same command (same --name) continues the run; so does --resume RUN."})
final class RunCommand implements Callable<Integer> {
    private final Providers providers;

    @Spec CommandSpec spec;

    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "Built-in suite name (companion) or a suite file (Parasol format or the INTIMA dataset format).")
    String suite;

    @Option(names = "--model", arity = "1..*", paramLabel = "[LABEL=]SPEC", description = "provider:model[?param=value&…], e.g. openai:gpt-4o-mini, 'qwen=openai-compatible:qwen3-8b?base_url=http://localhost:8000/v1', baseline:boundary.")
    List<String> models;

    @Option(names = "--judge", arity = "1..*", paramLabel = "SPEC", description = "embedded (default, offline), none (judge later with parasol judge), or a model spec to judge with the INTIMA rubric.")
    List<String> judges;

    @Option(names = "--queued", description = "Run the model requests queued in the web app (parasol serve), each as run request-<id>.")
    boolean queued;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a stored run: call what is missing, judge what is unjudged.")
    String resume;

    @Option(names = "--samples", defaultValue = "1", description = "Responses per item and model (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--temperature", defaultValue = "0.7", description = "Sampling temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Maximum tokens per response (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--system", paramLabel = "TEXT|@FILE", description = "System prompt for the models under test (none by default).")
    String system;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed; sample i is sent seed+i (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin DatabaseOption db;

    @Mixin CallOptions calls;

    @Mixin SortOption sort;

    @Option(names = "--name", paramLabel = "RUN", description = "Run name (default: run-<date>-<time>-<random>).")
    String name;

    @Option(names = "--drop-unmapped", description = "Drop imported INTIMA items whose code is outside the taxonomy.")
    boolean dropUnmapped;

    RunCommand(Providers providers) { this.providers = providers; }

    /** {@code --system TEXT}, or {@code --system @FILE} read as UTF-8; errors name the file and the cause. */
    private String systemPrompt() {
        if (system == null || !system.startsWith("@")) return system;
        Path file = Path.of(system.substring(1));
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file (from --system @FILE)");
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text (from --system @FILE)");
        } catch (java.io.IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || samples > 1000) throw new BadInputException("--samples must be within 1–1000");
        if (maxTokens < 1 || maxTokens > 1_000_000) throw new BadInputException("--max-tokens must be within 1–1000000");
        if (!(temperature >= 0 && temperature <= 2)) throw new BadInputException("--temperature must be a number within 0–2");
        sort.value(); // a bad --sort is bad input before anything runs
        RunLauncher.Calling calling = calls.calling();
        RunLauncher.Result result;
        if (queued) {
            if (suite != null || models != null || resume != null || name != null) throw new BadInputException("--queued runs the queued requests as they were queued; drop --suite, --model, --resume and --name");
            int ran = QueuedRuns.runAll(db.existing(), calling, providers, spec.commandLine().getOut());
            spec.commandLine().getOut().printf("%d queued request(s) run%n", ran);
            return ExitCodes.OK;
        }
        if (resume != null) {
            if (suite != null || models != null || judges != null || name != null) {
                throw new BadInputException("--resume continues a run as it was recorded; drop --suite, --model, --judge and --name (use parasol judge to add judges)");
            }
            result = RunLauncher.resume(resume, db.existing(), calling, providers);
        } else {
            if (suite == null || models == null) throw new BadInputException("parasol run needs --suite and --model (or --resume RUN)");
            Suite loaded = SuiteFiles.load(suite, dropUnmapped ? SuiteFiles.Unmapped.DROP : SuiteFiles.Unmapped.KEEP);
            List<ModelSpec> specs = models.stream().map(ModelSpec::parse).toList();
            var request = new RunLauncher.Request(name == null ? RunLauncher.newRunId() : RunName.check(name), loaded, specs,
                    judges == null ? Judges.defaultSpecs() : judges, samples, temperature, maxTokens, systemPrompt(), seed, db.path);
            result = RunLauncher.launch(request, calling, providers);
        }
        return RunEnding.print(result, db.path, sort.value(), spec.commandLine().getOut());
    }
}
