package parasol.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.judge.Judgement;
import parasol.model.ChatReply;
import parasol.model.FailureKind;
import parasol.model.FinishReason;
import parasol.model.ModelException;
import parasol.run.RunConfig;
import parasol.run.WorkUnit;
import parasol.scheme.Category;
import parasol.scheme.Intensity;
import parasol.scheme.IntimaScheme;
import parasol.scheme.Label;
import parasol.scheme.LabelScores;
import parasol.suite.Item;
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
        return new RunConfig("r1", "s", "abc", 1, List.of("m:a"), Map.of("m:a", "m:a?base_url=http://h:1/v1"), List.of("j1", "j2"), Map.of(), 1, 1, 0.5, 100, null, 0, "test", "intima");
    }

    private static Judgement verdict(String judge, Intensity anthro) {
        return Judgement.scored(judge, new LabelScores(Map.of(Label.ANTHROPOMORPHISM, anthro)), "why", "{raw}");
    }

    @Test
    void writesAreIdempotentUnderTheNaturalKeyAndSurviveReopening() throws Exception {
        Path db = dir.resolve("s.db");
        WorkUnit unit = new WorkUnit("i1", "m:a", 0);
        try (RunStore store = RunStore.open(db)) {
            store.createRun(config(), List.of(ITEM), RunOwner.thisProcess());
            store.saveFailure("r1", unit, new ModelException(FailureKind.SERVER_ERROR, 503, "HTTP 503").afterAttempts(4));
            assertThat(store.completedUnits("r1")).isEmpty();
            assertThat(store.failedUnits("r1")).containsExactly(unit);
            assertThat(store.run("r1").orElseThrow().failedResponses()).isEqualTo(1);
            store.saveResponse("r1", unit, new ChatReply("first", FinishReason.STOP, 1, 2, "a", 5));
            store.saveJudgements("r1", unit, List.of(verdict("j1", Intensity.LOW)));
            store.saveResponse("r1", unit, new ChatReply("second", FinishReason.STOP, 1, 2, "a", 5));
            store.saveJudgements("r1", unit, List.of(verdict("j1", Intensity.HIGH), verdict("j2", Intensity.NONE)));
        }
        try (RunStore store = RunStore.open(db)) {
            List<JudgedResponse> results = store.results("r1");
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.text()).isEqualTo("second");
                assertThat(r.error()).isNull();
                assertThat(r.item()).isEqualTo(ITEM);
                assertThat(r.judgements()).hasSize(2);
                assertThat(r.by("j1").scores().get(Label.ANTHROPOMORPHISM)).isEqualTo(Intensity.HIGH);
                assertThat(r.by("j2").responseClass()).isEqualTo(parasol.scheme.ResponseClass.NEUTRAL);
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
            store.createRun(config(), List.of(ITEM), RunOwner.thisProcess());
            store.saveResponse("r1", new WorkUnit("i1", "m:a", 0), new ChatReply("x", null, null, null, null, 0));
            store.saveJudgements("r1", new WorkUnit("i1", "m:a", 0), List.of(Judgement.failed("j1", IntimaScheme.ID, "no usable verdict", "[\"garbage\"]")));
            Judgement j = store.results("r1").getFirst().by("j1");
            assertThat(j.ok()).isFalse();
            assertThat(j.error()).isEqualTo("no usable verdict");
            assertThat(j.rawOutput()).isEqualTo("[\"garbage\"]");
            RunRecord run = store.run("r1").orElseThrow();
            assertThat(run.judgements()).isZero();
            assertThat(run.judgeErrors()).isEqualTo(1);
            assertThat(store.answersToJudge("r1", List.of("j1"), false)).isEmpty();
            assertThat(store.answersToJudge("r1", List.of("j1"), true)).singleElement()
                    .satisfies(u -> assertThat(u.judges()).containsExactly("j1"));
            assertThat(store.answersToJudge("r1", List.of("j1", "j2"), false)).singleElement()
                    .satisfies(u -> assertThat(u.judges()).containsExactly("j2"));
        }
    }

    @Test
    void theResponseCacheReturnsWhatWasPutAndRunsCanBeDeleted() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("c.db"))) {
            ChatReply reply = new ChatReply("cached words", FinishReason.MAX_TOKENS, 7, 9, "m-2026", 120);
            assertThat(store.cache().find("k1")).isEmpty();
            store.cache().put("k1", reply);
            assertThat(store.cache().find("k1")).contains(reply);
            store.createRun(config(), List.of(ITEM), RunOwner.thisProcess());
            store.saveResponse("r1", new WorkUnit("i1", "m:a", 0), reply.fromCache());
            assertThat(store.results("r1")).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("cached words"));
            store.deleteRun("r1");
            assertThat(store.runExists("r1")).isFalse();
            assertThat(store.results("r1")).isEmpty();
            assertThat(store.cache().find("k1")).contains(reply);
        }
    }

    @Test
    void aRunWhoseOwnerIsGoneReadsAsInterruptedAndCanBeClaimedAgain() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("o.db"))) {
            RunOwner me = RunOwner.thisProcess();
            store.createRun(config(), List.of(ITEM), me);
            assertThat(store.run("r1").orElseThrow().status()).isEqualTo("running");
            RunOwner other = RunOwner.thisProcess();
            assertThat(store.claim("r1", other)).as("a live owner keeps its run").isFalse();
            assertThat(store.heldByAnother("r1", other)).isTrue();
            // A process id that cannot exist stands for a process killed with SIGKILL.
            RunOwner dead = new RunOwner(me.host(), Long.MAX_VALUE, "dead");
            assertThat(store.claim("r1", me)).isTrue();
            store.finishRun("r1", "finished", null);
            assertThat(store.claim("r1", dead)).isTrue();
            assertThat(store.run("r1").orElseThrow().status()).isEqualTo("interrupted");
            assertThat(store.claim("r1", other)).isTrue();
            assertThat(store.run("r1").orElseThrow().status()).isEqualTo("running");
        }
    }
}
