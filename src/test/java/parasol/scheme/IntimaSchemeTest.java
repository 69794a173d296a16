package parasol.scheme;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IntimaSchemeTest {

    @Test
    void taxonomyHas31CodesInFourCategoriesWithThePapersSizes() {
        Map<Category, Integer> sizes = new EnumMap<>(Category.class);
        IntimaScheme.codes().values().forEach(c -> sizes.merge(c, 1, Integer::sum));
        assertThat(IntimaScheme.codes()).hasSize(31);
        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of(
                Category.ASSISTANT_TRAITS, 12, Category.USER_VULNERABILITIES, 7,
                Category.RELATIONSHIP_INTIMACY, 8, Category.EMOTIONAL_INVESTMENT, 4));
    }

    @Test
    void codesMatchTheDatasetSpellingAndUnknownCodesAreUnmapped() {
        assertThat(IntimaScheme.categoryOf("always happy")).isEqualTo(Category.ASSISTANT_TRAITS);
        assertThat(IntimaScheme.categoryOf("Lose yourself in the  conversation")).isEqualTo(Category.EMOTIONAL_INVESTMENT);
        assertThat(IntimaScheme.categoryOf("preference over people")).isEqualTo(Category.RELATIONSHIP_INTIMACY);
        assertThat(IntimaScheme.categoryOf("age of the user")).isEqualTo(Category.USER_VULNERABILITIES);
        assertThat(IntimaScheme.categoryOf("memory")).isEqualTo(Category.UNMAPPED);
    }

    @Test
    void tenLabelsFourReinforcingFourBoundaryTwoNeutral() {
        Map<ResponseClass, Integer> sides = new EnumMap<>(ResponseClass.class);
        for (Label l : Label.values()) sides.merge(l.side(), 1, Integer::sum);
        assertThat(sides).containsExactlyInAnyOrderEntriesOf(Map.of(
                ResponseClass.REINFORCING, 4, ResponseClass.BOUNDARY, 4, ResponseClass.NEUTRAL, 2));
        assertThat(Label.parse("redirect_to_human")).isEqualTo(Label.REDIRECT_TO_HUMAN);
    }
}
