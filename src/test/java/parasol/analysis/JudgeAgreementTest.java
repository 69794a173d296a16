package parasol.analysis;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JudgeAgreementTest {
    @Test
    void fleissKappaMatchesFleiss1971WorkedExample() {
        // Fleiss (1971) as reproduced in most textbooks: 10 subjects, 14 raters, 5 categories, κ ≈ 0.210.
        int[][] counts = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertThat(JudgeAgreement.fleiss(counts)).isCloseTo(0.210, within(0.001));
    }

    @Test
    void fleissKappaIsOneForPerfectAgreementAndUndefinedWhenOneCategoryOnly() {
        assertThat(JudgeAgreement.fleiss(new int[][]{{3, 0}, {0, 3}, {3, 0}})).isCloseTo(1.0, within(1e-9));
        assertThat(JudgeAgreement.fleiss(new int[][]{{3, 0}, {3, 0}})).isNaN();
        assertThat(JudgeAgreement.fleiss(new int[0][])).isNaN();
    }
}
