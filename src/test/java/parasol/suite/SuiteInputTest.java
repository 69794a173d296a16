package parasol.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad suite files (issue 11, items 5 and 6 and their siblings): every one is a {@link SuiteFormatException}
 * naming the file, the line and the field, never another exception and never a silently changed suite.
 */
class SuiteInputTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws Exception {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Loading fails with exactly these problems, given as "line:field" (field null for a whole record). */
    private static void fails(Path f, Consumer<List<SuiteProblem>> check) {
        assertThatThrownBy(() -> SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP))
                .isInstanceOfSatisfying(SuiteFormatException.class, e -> {
                    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                        assertThat(p.file()).isEqualTo(f);
                        assertThat(p.toString()).startsWith(f + ":").doesNotContain("\n");
                    });
                    check.accept(e.problems());
                });
    }

    private static List<String> where(List<SuiteProblem> problems) {
        return problems.stream().map(p -> p.line() + ":" + p.field()).toList();
    }

    private static final String GOOD = "{\"id\":\"a\",\"text\":\"hello\",\"code\":\"grief\"}\n";

    // --- item 5: binary and mis-encoded files -------------------------------------------------

    @Test
    void invalidUtf8IsOneProblemOnItsLine() throws Exception {
        byte[] latin1 = "{\"id\":\"b\",\"text\":\"caf\u00e9\",\"code\":\"grief\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = bytes("latin1.jsonl", concat(GOOD.getBytes(StandardCharsets.UTF_8), latin1));
        fails(f, ps -> {
            assertThat(ps).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).contains("not UTF-8", "0xE9");
            });
        });
    }

    @Test
    void utf16FilesAreNamedAsSuchWithOrWithoutAByteOrderMark() throws Exception {
        byte[] body = GOOD.getBytes(StandardCharsets.UTF_16LE);
        for (Path f : List.of(bytes("bom.jsonl", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, body)),
                bytes("nobom.yaml", body), bytes("be.csv", GOOD.getBytes(StandardCharsets.UTF_16)))) {
            fails(f, ps -> assertThat(ps).singleElement().satisfies(p -> {
                assertThat(p.toString()).startsWith(f + ": ").contains("UTF-16", "save it as UTF-8");
                assertThat(p.line()).isZero();
            }));
        }
    }

    @Test
    void emptyOrHeaderOnlyCsvIsAProblemNotACrash() throws Exception {
        fails(write("empty.csv", ""), ps -> assertThat(ps).singleElement().satisfies(p -> assertThat(p.message()).contains("no header")));
        fails(write("blank.csv", "\n\n"), ps -> assertThat(ps).singleElement().satisfies(p -> assertThat(p.message()).contains("no header")));
        fails(write("header.csv", "prompt,code,model\n"), ps -> assertThat(ps).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("holds no records")));
    }

    @Test
    void binaryFilesAreRefusedByKind() throws Exception {
        fails(bytes("nul.jsonl", concat(GOOD.getBytes(StandardCharsets.UTF_8), new byte[] {'{', 0, 0, 1, 2})),
                ps -> assertThat(ps).singleElement().satisfies(p -> {
                    assertThat(p.message()).contains("binary");
                    assertThat(p.line()).isEqualTo(2);
                }));
        fails(bytes("x.jsonl", new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0}), ps -> assertThat(ps.getFirst().message()).contains("gzip"));
        fails(bytes("x.csv", new byte[] {'P', 'K', 3, 4, 20, 0}), ps -> assertThat(ps.getFirst().message()).contains("zip"));
        fails(bytes("x.json", new byte[] {'P', 'A', 'R', '1', 0, 0}), ps -> assertThat(ps.getFirst().message()).contains("Parquet"));
    }

    @Test
    void aFolderOrUnreadablePathIsAProblemWithTheFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.jsonl"));
        fails(folder, ps -> assertThat(ps).singleElement().satisfies(p -> assertThat(p.message()).contains("directory")));
        fails(dir.resolve("missing.jsonl"), ps -> assertThat(ps).singleElement().satisfies(p -> assertThat(p.message()).contains("no such file")));
    }

    // --- item 6: nothing dropped or coerced without a word --------------------------------------

    @Test
    void yamlAliasesAreRefusedWithLineAndField() throws Exception {
        Path f = write("alias.yaml", """
                - id: a
                  text: &t I feel alone
                  code: loneliness
                - id: b
                  text: *t
                  code: loneliness
                - &rec
                  id: c
                  text: hi
                  code: grief
                - *rec
                """);
        fails(f, ps -> {
            assertThat(where(ps)).containsExactly("5:text", "11:null");
            assertThat(ps.getFirst().message()).contains("alias", "*t");
        });
    }

    @Test
    void contentAfterAJsonArrayIsReported() throws Exception {
        Path f = write("more.json", """
                [
                  {"id":"a","text":"hi","code":"grief"}
                ]
                {"id":"b","text":"hello","code":"grief"}
                """);
        fails(f, ps -> assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("after the end of the list");
        }));
    }

    @Test
    void twoRecordsOrTrailingGarbageOnAJsonLineAreReported() throws Exception {
        Path f = write("two.jsonl", """
                {"id":"a","text":"hi","code":"grief"} {"id":"b","text":"hello","code":"grief"}
                {"id":"c","text":"hi","code":"grief"} trailing
                {"id":"d","text":"hi","code":"grief"}]
                {"id":"e","text":"fine","code":"grief"}
                """);
        fails(f, ps -> {
            assertThat(where(ps)).containsExactly("1:null", "2:null", "3:null");
            assertThat(ps.getFirst().message()).contains("second record on the same line");
        });
    }

    @Test
    void aSecondYamlDocumentIsReported() throws Exception {
        Path f = write("docs.yaml", """
                - id: a
                  text: hi
                  code: grief
                ---
                - id: b
                  text: hello
                  code: grief
                """);
        fails(f, ps -> assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.line()).isBetween(4L, 5L);
            assertThat(p.message()).contains("second YAML document");
        }));
        // A trailing document marker with nothing after it loses nothing.
        assertThat(SuiteFiles.load(write("end.yaml", "- id: a\n  text: hi\n  code: grief\n---\n"), SuiteFiles.Unmapped.KEEP).items()).hasSize(1);
    }

    @Test
    void duplicateKeysAreReportedInEveryFormat() throws Exception {
        fails(write("dup.jsonl", GOOD + "{\"id\":\"b\",\"text\":\"x\",\"code\":\"grief\",\"text\":\"y\"}\n"),
                ps -> assertThat(where(ps)).containsExactly("2:text"));
        fails(write("dup.json", "[\n{\"id\":\"a\",\n \"code\":\"grief\",\n \"text\":\"x\",\n \"code\":\"love\"}\n]\n"),
                ps -> {
                    assertThat(where(ps)).containsExactly("5:code");
                    assertThat(ps.getFirst().message()).contains("first given on line 3");
                });
        fails(write("dup.yaml", "- id: a\n  text: x\n  code: grief\n  id: b\n"), ps -> assertThat(where(ps)).containsExactly("4:id"));
        fails(write("dup.csv", "prompt,code,prompt\nhi,grief,there\n"), ps -> assertThat(where(ps)).containsExactly("1:prompt"));
        fails(write("nested.jsonl", "{\"id\":\"a\",\"turns\":[{\"role\":\"user\",\"text\":\"x\",\"text\":\"y\"}],\"code\":\"grief\"}\n"),
                ps -> assertThat(where(ps)).containsExactly("1:turns[0].text"));
    }

    @Test
    void valuesOfTheWrongTypeAreErrorsNotConverted() throws Exception {
        Path f = write("types.jsonl", """
                {"id":5,"text":"hi","code":"grief"}
                {"id":true,"text":"hi","code":"grief"}
                {"id":"c","text":"hi","code":"grief","source":{"url":"x"}}
                {"id":"d","text":42,"code":"grief"}
                {"id":"e","text":"hi","code":["grief"]}
                {"id":"f","text":"hi","code":"grief","provenance":1}
                {"id":"g","text":"hi","code":"grief","category":3}
                {"id":"h","turns":["hi", 5, "there"],"code":"grief"}
                {"id":"i","turns":[{"role":"user","text":7}],"code":"grief"}
                """);
        fails(f, ps -> {
            assertThat(where(ps)).containsExactly("1:id", "2:id", "3:source", "4:text", "5:code", "6:provenance", "7:category",
                    "8:turns[1]", "9:turns[0].text");
            assertThat(ps.get(0).message()).contains("must be text", "a number (5)");
            assertThat(ps.get(2).message()).contains("must be text", "an object");
        });
        Path yaml = write("types.yaml", """
                - id: 5
                  text: 123
                  code: grief
                - id: b
                  text: hi
                  code: grief
                  source: {url: x}
                """);
        fails(yaml, ps -> assertThat(where(ps)).containsExactly("1:id", "1:text", "4:source"));
    }

    // --- siblings ------------------------------------------------------------------------------

    @Test
    void csvRowsWithMoreOrFewerCellsThanTheHeaderAreReported() throws Exception {
        Path f = write("cells.csv", """
                prompt,code,model
                I feel sad, lonely,loneliness,m
                just two,grief
                fine,grief,m
                """);
        fails(f, ps -> {
            assertThat(where(ps)).containsExactly("2:null", "3:null");
            assertThat(ps.getFirst().message()).contains("4 cells", "3 columns");
        });
    }

    @Test
    void csvWithAByteOrderMarkOrSpacedHeaderIsStillRecognisedAsIntima() throws Exception {
        Path f = bytes("excel.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "prompt, code, model\r\n\"hi, friend\",friendship,m\r\n".getBytes(StandardCharsets.UTF_8)));
        Suite s = SuiteFiles.load(f, SuiteFiles.Unmapped.KEEP);
        assertThat(s.items()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo("friendship");
            assertThat(i.lastUserText()).isEqualTo("hi, friend");
        });
    }

    @Test
    void byteOrderMarkIsSkippedInJsonArrayAndYaml() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path json = bytes("bom.json", concat(bom, "[{\"id\":\"a\",\"text\":\"hi\",\"code\":\"grief\"}]".getBytes(StandardCharsets.UTF_8)));
        Path yaml = bytes("bom.yaml", concat(bom, "- id: a\n  text: hi\n  code: grief\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(SuiteFiles.load(json, SuiteFiles.Unmapped.KEEP).items()).hasSize(1);
        assertThat(SuiteFiles.load(yaml, SuiteFiles.Unmapped.KEEP).items()).hasSize(1);
    }

    @Test
    void vulnerabilityMustBeAnIntegerExceptAsDigitsInCsv() throws Exception {
        Path f = write("v.jsonl", """
                {"id":"a","text":"hi","code":"grief","vulnerability":"2"}
                {"id":"b","text":"hi","code":"grief","vulnerability":2.5}
                {"id":"c","text":"hi","code":"grief","vulnerability":2.0}
                {"id":"d","text":"hi","code":"grief","vulnerability":-1}
                {"id":"e","text":"hi","code":"grief","vulnerability":true}
                """);
        fails(f, ps -> {
            assertThat(where(ps)).containsExactly("1:vulnerability", "2:vulnerability", "3:vulnerability", "4:vulnerability", "5:vulnerability");
            assertThat(ps.getFirst().message()).contains("without quotes");
        });
        // In CSV every cell is text: a digit is the level; anything else is still an error.
        Path csv = write("v.csv", "id,text,code,vulnerability\na,hi,grief,2\nb,hi,grief,\nc,hi,grief,2.5\n");
        fails(csv, ps -> assertThat(where(ps)).containsExactly("4:vulnerability"));
        Path good = write("ok.csv", "id,text,code,vulnerability\na,hi,grief,2\nb,hi,grief,\n");
        assertThat(SuiteFiles.load(good, SuiteFiles.Unmapped.KEEP).items()).extracting(Item::vulnerability).containsExactly(2, null);
    }

    @Test
    void turnsWithAnUnknownRoleOrKeyOrOutOfOrderAreNamed() throws Exception {
        Path f = write("turns.jsonl", """
                {"id":"a","turns":[{"role":"system","text":"be nice"},{"role":"user","text":"hi"}],"code":"grief"}
                {"id":"b","turns":[{"role":"user","content":"hi"}],"code":"grief"}
                {"id":"c","turns":[{"role":"assistant","text":"hi"}],"code":"grief"}
                {"id":"d","turns":["hi","hello"],"code":"grief"}
                """);
        fails(f, ps -> {
            assertThat(where(ps)).contains("1:turns[0].role", "2:turns[0].content", "3:turns[0].role", "4:turns");
            assertThat(ps.getFirst().message()).contains("unknown role 'system'");
        });
    }

    @Test
    void yamlWhoseTopLevelIsAMapSaysWhatToChange() throws Exception {
        fails(write("map.yaml", "items:\n  - id: a\n    text: hi\n    code: grief\n"), ps -> assertThat(ps).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected a list of records", "'items' holds a list")));
        fails(write("one.yaml", "id: a\ntext: hi\ncode: grief\n"), ps -> assertThat(ps).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected a list of records", "'- '")));
    }

    @Test
    void yamlYesAndNoStayText() throws Exception {
        Suite s = SuiteFiles.load(write("yes.yaml", "- id: a\n  text: yes\n  code: grief\n"), SuiteFiles.Unmapped.KEEP);
        assertThat(s.items().getFirst().lastUserText()).isEqualTo("yes");
    }

    @Test
    void anEmptyYamlValueIsAbsentNotEmptyText() throws Exception {
        Suite s = SuiteFiles.load(write("empty.yaml", "- id: a\n  text: hi\n  code: grief\n  vulnerability:\n  source:\n"), SuiteFiles.Unmapped.KEEP);
        assertThat(s.items().getFirst().vulnerability()).isNull();
        assertThat(s.items().getFirst().source()).isNull();
    }

    @Test
    void taggedBinaryYamlValuesAreRefused() throws Exception {
        fails(write("bin.yaml", "- id: a\n  text: !!binary aGVsbG8=\n  code: grief\n"), ps -> assertThat(where(ps)).containsExactly("2:text"));
    }

    @Test
    void aPrettyPrintedRecordInJsonLinesGetsAHint() throws Exception {
        fails(write("pretty.jsonl", "{\n  \"id\": \"a\",\n  \"text\": \"hi\",\n  \"code\": \"grief\"\n}\n"),
                ps -> assertThat(ps.getFirst().message()).contains("whole on one line"));
    }

    @Test
    void syntaxErrorsGiveTheirLineWithoutParserInternals() throws Exception {
        fails(write("cut.json", "[\n  {\"id\":\"a\",\"text\":\"hi\",\"code\":\"grief\"},\n  {\"id\":\"b\",\n"), ps -> assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("JSON syntax error: Unexpected end-of-input").doesNotContain("Source", "REDACTED");
        }));
        fails(write("ctl.yaml", "- id: a\n  text: hi\n  code: grief\n- id: b\n  text: bell \u0007 here\n  code: grief\n"),
                ps -> assertThat(ps).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).isEqualTo("YAML syntax error: character U+0007 is not allowed in YAML");
                }));
        fails(write("flow.yaml", "- id: a\n  turns: [hi,\n  code: grief\n"), ps -> assertThat(ps).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith("YAML syntax error: ").doesNotContain("^", "reader")));
    }

    @Test
    void controlCharactersFromTheFileAreNotEchoedRaw() throws Exception {
        fails(write("esc.jsonl", "{\"id\":\"a\",\"text\":\"hi\",\"code\":\"grief\",\"\\u001b[31mred\":1}\n"), ps -> {
            assertThat(ps).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("\\u001b[31mred");
                assertThat(p.toString()).doesNotContain("\u001b");
            });
        });
    }

    @Test
    void misspeltFieldsAndCategoriesGetASuggestion() throws Exception {
        fails(write("typo.jsonl", """
                {"id":"a","txt":"hi","code":"grief"}
                {"id":"b","text":"hi","code":"grief","category":"User Vulnerabilites"}
                """), ps -> {
            assertThat(ps.stream().map(SuiteProblem::message)).anySatisfy(m -> assertThat(m).contains("did you mean 'text'"))
                    .anySatisfy(m -> assertThat(m).contains("did you mean 'User Vulnerabilities'"));
        });
    }
}
