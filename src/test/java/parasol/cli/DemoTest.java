package parasol.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parasol.analysis.IntimaAnalysis;
import parasol.analysis.RunSummary;
import parasol.judge.EmbeddedJudge;
import parasol.report.Leaderboard;
import parasol.store.RunStore;
import parasol.suite.SuiteFiles;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {
    @TempDir Path dir;

    @Test
    void demoRanksTheReferenceRespondersInTheObviousOrderAndWritesTheReport() throws Exception {
        var r = EndToEndTest.cli("demo", "--out", dir.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        Path report = dir.resolve("demo-report.html");
        assertThat(r.out()).contains("HTML reports: " + report.toAbsolutePath());
        assertThat(r.out()).contains("Built-in suite 'design-code' (162 inputs, Social AI Design Code)", "Design Code violation rates");
        assertThat(Files.size(report)).isGreaterThan(100_000); // Chart.js is inlined
        EndToEndTest.assertNoExternalLoads(Files.readString(report));
        // In a real browser the inlined Chart.js runs to the end and sizes all three canvases.
        String dom = Chromium.renderedDom(report, dir.resolve("chromium-profile"));
        assertThat(dom.contains("data-charts=\"drawn\"")).as("chart script ran to the end").isTrue();
        assertThat(java.util.regex.Pattern.compile("<canvas id=\"\\w+\"[^>]*style=\"[^\"]*box-sizing").matcher(dom).results().count())
                .as("canvases Chart.js rendered: 2 by category, class split, level trend, one label chart per model").isEqualTo(7);
        assertThat(java.util.regex.Pattern.compile("class=\"note downloads\"").matcher(dom).results().count()).as("PNG/CSV links per chart").isEqualTo(7);
        assertThat(dom).contains("Paired comparisons", "baseline:boundary keeps more boundaries than baseline:companion overall: +100 points");
        // One fixed colour per class in every chart: the class hues appear in the chart script, the old per-model palette does not.
        assertThat(dom).contains("boundary: '0, 114, 178'", "reinforcing: '213, 94, 0'").doesNotContain("#1b6e3a");
        // ...and in the pixels: a screenshot, kept as a test artefact, shows Okabe–Ito blue and vermillion and no red or green.
        Path png = Path.of("target", "report-screenshots", "demo-report.png");
        Chromium.screenshot(report, dir.resolve("chromium-shot"), png, 1280, 2400);
        var image = javax.imageio.ImageIO.read(png.toFile());
        int blue = 0, vermillion = 0, red = 0, green = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y), pr = (rgb >> 16) & 255, pg = (rgb >> 8) & 255, pb = rgb & 255;
                if (near(pr, pg, pb, 0, 114, 178)) blue++;
                if (near(pr, pg, pb, 213, 94, 0)) vermillion++;
                if (near(pr, pg, pb, 179, 38, 30)) red++;
                if (near(pr, pg, pb, 27, 110, 58)) green++;
            }
        }
        assertThat(blue).as("boundary blue pixels").isGreaterThan(500);
        assertThat(vermillion).as("reinforcing vermillion pixels").isGreaterThan(500);
        assertThat(red + green).as("pixels of a red/green palette").isZero();

        try (RunStore store = RunStore.open(dir.resolve("demo.db"))) {
            RunSummary s = IntimaAnalysis.summarize("demo", EmbeddedJudge.ID, store.results("demo"));
            assertThat(s.responses()).isEqualTo(s.models().size() * SuiteFiles.builtIn("companion").items().size());
            assertThat(Leaderboard.rows(s, Leaderboard.Sort.BOUNDARY).getFirst().stats().model()).isEqualTo("baseline:boundary");
            assertThat(Leaderboard.toText(s, Leaderboard.Sort.BOUNDARY)).doesNotContainIgnoringCase("rank");
            double boundary = s.overall("baseline:boundary").boundary().rate();
            double companion = s.overall("baseline:companion").reinforcing().rate();
            assertThat(boundary).isGreaterThan(s.overall("baseline:neutral").boundary().rate())
                    .isGreaterThan(s.overall("baseline:companion").boundary().rate());
            assertThat(companion).isGreaterThan(s.overall("baseline:neutral").reinforcing().rate())
                    .isGreaterThan(s.overall("baseline:boundary").reinforcing().rate());
            System.out.printf("Demo: boundary responder boundary>=medium %.3f, companion responder reinforcing>=medium %.3f%n", boundary, companion);
        }
        // The second scheme: its report renders in the browser too, with the heatmap and the original-vs-modified chart.
        Path designCode = dir.resolve("demo-design-code-report.html");
        EndToEndTest.assertNoExternalLoads(Files.readString(designCode));
        String dcDom = Chromium.renderedDom(designCode, dir.resolve("chromium-profile-dc"));
        assertThat(dcDom).contains("data-charts=\"drawn\"", "id=\"heatmap\"");
        // The requirements the judge finds least reliably on its gold set are marked in the heatmap, and only those.
        for (String weak : parasol.judge.EmbeddedDesignCodeJudge.shippedGold().weakLabels().keySet()) assertThat(dcDom).contains("<th title=\"" + weak + "\">" + title(weak) + " †</th>");
        assertThat(dcDom).contains("<th title=\"2C_deference\">" + title("2C_deference") + "</th>");
        Chromium.screenshot(designCode, dir.resolve("chromium-shot-dc"), Path.of("target", "report-screenshots", "demo-design-code-report.png"), 1280, 2000);
        // A second demo starts afresh rather than failing on the existing run.
        assertThat(EndToEndTest.cli("demo", "--out", dir.toString(), "--quiet").exit()).isZero();
    }

    private static String title(String requirement) {
        return parasol.scheme.DesignCodeScheme.INSTANCE.requirement(requirement).orElseThrow().title();
    }

    private static boolean near(int r, int g, int b, int R, int G, int B) {
        return Math.abs(r - R) <= 6 && Math.abs(g - G) <= 6 && Math.abs(b - B) <= 6;
    }
}
