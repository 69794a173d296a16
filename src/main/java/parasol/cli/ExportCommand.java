package parasol.cli;

import parasol.report.ResponseExport;
import parasol.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Every response of the runs, one row per (run, item, model, sample, judge): item fields, the answer, "
                + "label intensities, class, rationale, tokens, latency, error. Columns: see the README."})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN")
    List<String> runs;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, csv or parquet (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "PATH", description = "Output file, or - for standard output with nothing else on it (default <run>-responses.<ext> here).")
    String out;

    @Mixin DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        if (!List.of("jsonl", "csv", "parquet").contains(format)) throw new BadInputException("--format is jsonl, csv or parquet");
        if (format.equals("parquet") && "-".equals(out)) throw new BadInputException("parquet is binary: give --out FILE, not standard output");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (RunStore store = RunStore.openReadOnly(db.existing())) {
            for (String run : runs) {
                if (store.run(run).isEmpty()) throw new BadInputException("no run named '" + RunName.printable(run) + "' in " + db.path + " (see parasol runs)");
                rows.addAll(ResponseExport.rows(run, store.results(run)));
            }
        }
        if ("-".equals(out)) {
            Writer w = spec.commandLine().getOut();
            write(rows, w);
            w.flush();
            return ExitCodes.OK;
        }
        Path target = out != null ? Path.of(out) : Path.of(RunName.fileName(runs.getFirst()) + "-responses." + format);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (format.equals("parquet")) {
            try (var stream = new java.io.BufferedOutputStream(Files.newOutputStream(target))) {
                ResponseExport.writeParquet(rows, stream);
            }
        } else {
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                write(rows, w);
            }
        }
        spec.commandLine().getErr().println("Wrote " + rows.size() + " rows to " + target.toAbsolutePath());
        return ExitCodes.OK;
    }

    private void write(List<Map<String, Object>> rows, Writer w) throws java.io.IOException {
        if (format.equals("csv")) ResponseExport.writeCsv(rows, w); else ResponseExport.writeJsonLines(rows, w);
    }
}
