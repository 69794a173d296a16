package parasol.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The other process of {@link RunStoreOpenTest}: opens {@code count} fresh databases in a folder, each at a
 * set instant on the wall clock shared with a sibling process, records a run in each and prints each failure.
 * Arguments: folder, run id, first instant (epoch ms), count, spacing (ms). Exit status: the number of failures.
 */
public final class OpenFromAnotherProcess {
    private OpenFromAnotherProcess() {}

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        String runId = args[1];
        long first = Long.parseLong(args[2]);
        int count = Integer.parseInt(args[3]);
        long spacing = Long.parseLong(args[4]);
        int failures = 0;
        for (int i = 0; i < count; i++) {
            long at = first + i * spacing;
            while (System.currentTimeMillis() < at) Thread.onSpinWait();
            try (RunStore store = RunStore.open(folder.resolve("fresh-" + i + ".db"))) {
                store.createRun(RunStoreOpenTest.config(runId), List.of(RunStoreOpenTest.ITEM), RunOwner.thisProcess());
            } catch (Exception e) {
                failures++;
                System.out.println("file " + i + ": " + e.toString().lines().findFirst().orElse(""));
            }
        }
        System.exit(failures);
    }
}
