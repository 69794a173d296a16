package parasol.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.judge.Judgement;
import parasol.model.ChatReply;
import parasol.run.RunConfig;
import parasol.run.WorkUnit;
import parasol.suite.Category;
import parasol.suite.Intensity;
import parasol.suite.Item;
import parasol.suite.Label;
import parasol.suite.LabelScores;
import parasol.suite.Provenance;
import parasol.suite.Turn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunStoreTest {
    @TempDir Path dir;

    private static final Item ITEM = new Item("i1", List.of(Turn.user("hi"), new Turn(Turn.Role.ASSISTANT, "hello"), Turn.user("love me?")),
            "love", Category.RELATIONSHIP_INTIMACY, null, Provenance.REAL, "forum");

    private static RunConfig config() {
        return new RunConfig("r1", "s", "abc", 1, List.of("m:a"), List.of("j1", "j2"), 1, 1, 0.5, 100, null, 0, "test");
    }

    private static Judgement verdict(String judge, Intensity anthro) {
        return Judgement.scored(judge, new LabelScores(Map.of(Label.ANTHROPOMORPHISM, anthro)), "why", "{raw}");
    }

    @Test
    void writesAreIdempotentUnderTheNaturalKeyAndSurviveReopening() throws Exception {
        Path db = dir.resolve("s.db");
        WorkUnit unit = new WorkUnit("i1", "m:a", 0);
        try (RunStore store = RunStore.open(db)) {
            store.createRun(config(), List.of(ITEM));
            store.saveFailure("r1", unit, "HTTP 503");
            assertThat(store.completedUnits("r1")).isEmpty();
            store.saveResponse("r1", unit, new ChatReply("first", "stop", 1, 2, "a", 5), List.of(verdict("j1", Intensity.LOW)));
            store.saveResponse("r1", unit, new ChatReply("second", "stop", 1, 2, "a", 5),
                    List.of(verdict("j1", Intensity.HIGH), verdict("j2", Intensity.NONE)));
        }
        try (RunStore store = RunStore.open(db)) {
            List<JudgedResponse> results = store.results("r1");
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.text()).isEqualTo("second");
                assertThat(r.error()).isNull();
                assertThat(r.item()).isEqualTo(ITEM);
                assertThat(r.judgements()).hasSize(2);
                assertThat(r.by("j1").scores().get(Label.ANTHROPOMORPHISM)).isEqualTo(Intensity.HIGH);
                assertThat(r.by("j2").responseClass()).isEqualTo(parasol.suite.ResponseClass.NEUTRAL);
            });
            assertThat(store.completedUnits("r1")).containsExactly(unit);
            RunRecord run = store.run("r1").orElseThrow();
            assertThat(run.config()).isEqualTo(config());
            assertThat(run.status()).isEqualTo("running");
            assertThat(run.responses()).isEqualTo(1);
            assertThat(run.judgements()).isEqualTo(2);
        }
    }

    @Test
    void failedJudgementsKeepTheirRawOutput() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("f.db"))) {
            store.createRun(config(), List.of(ITEM));
            store.saveResponse("r1", new WorkUnit("i1", "m:a", 0), new ChatReply("x", null, null, null, null, 0),
                    List.of(Judgement.failed("j1", "no usable verdict", "[\"garbage\"]")));
            Judgement j = store.results("r1").getFirst().by("j1");
            assertThat(j.ok()).isFalse();
            assertThat(j.error()).isEqualTo("no usable verdict");
            assertThat(j.rawOutput()).isEqualTo("[\"garbage\"]");
        }
    }
}
