package org.convlab.algebra.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.algebra.RandomGeometry;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Entry;
import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ElementsTest {

    private static ConvGeometry conv1d(int n, int k, String padding, PaddingMode mode) {
        return ConvGeometry.builder().size(n).kernel(k).padding(Padding.parse(padding, 1)).paddingMode(mode).build();
    }

    @Test
    void worksheetFirstAndLastElements() {
        Elements valid = new Elements(conv1d(9, 3, "valid", PaddingMode.ZEROS), false);
        assertThat(valid.at(0).text()).isEqualTo("k1x1 + k2x2 + k3x3");
        assertThat(valid.at(6).text()).isEqualTo("k1x7 + k2x8 + k3x9");
        assertThat(valid.at(6).name().text()).isEqualTo("y7");
        Elements same = new Elements(conv1d(9, 3, "same", PaddingMode.ZEROS), false);
        assertThat(same.at(0).text()).isEqualTo("k2x1 + k3x2");
        assertThat(same.at(8).text()).isEqualTo("k1x8 + k2x9");
    }

    @Test
    void unsharedElementsNumberTheWeightsRowByRow() {
        Elements e = new Elements(conv1d(9, 3, "valid", PaddingMode.ZEROS), true);
        assertThat(e.at(1).text()).isEqualTo("k4x2 + k5x3 + k6x4");
        assertThat(e.at(6).text()).isEqualTo("k19x7 + k20x8 + k21x9");
        Elements same = new Elements(conv1d(9, 3, "same", PaddingMode.ZEROS), true);
        assertThat(same.at(0).text()).isEqualTo("k1x1 + k2x2");
        assertThat(same.at(1).text()).isEqualTo("k3x1 + k4x2 + k5x3");
        assertThat(same.at(8).text()).isEqualTo("k24x8 + k25x9");
    }

    @Test
    void reflectNamesTheCopiedInputAndCombinesIt() {
        OutputElement y1 = new Elements(conv1d(9, 3, "same", PaddingMode.REFLECT), false).at(0);
        assertThat(y1.text()).isEqualTo("k1x2 + k2x1 + k3x2");
        assertThat(y1.hasRepeatedInputs()).isTrue();
        assertThat(y1.combinedText()).isEqualTo("k2x1 + (k1 + k3)x2");
        OutputElement replicate = new Elements(conv1d(9, 3, "same", PaddingMode.REPLICATE), false).at(0);
        assertThat(replicate.combinedText()).isEqualTo("(k1 + k2)x1 + k3x2");
        OutputElement circular = new Elements(conv1d(9, 3, "same", PaddingMode.CIRCULAR), false).at(8);
        assertThat(circular.text()).isEqualTo("k1x8 + k2x9 + k3x1");
    }

    @Test
    void anElementThatReadsOnlyPaddingIsZero() {
        assertThat(new Elements(conv1d(1, 1, "2", PaddingMode.ZEROS), false).at(0).text()).isEqualTo("0");
    }

    @Test
    void twoDimensionalMultiChannelNamesCarryTheirIndices() {
        ConvGeometry g = ConvGeometry.builder().inChannels(3).outChannels(2).size(4, 4).kernel(2).build();
        Elements e = new Elements(g, false);
        OutputElement last = e.at(e.taps().rows() - 1);
        assertThat(last.name().text()).isEqualTo("y[2,3,3]");
        assertThat(last.terms()).hasSize(12);
        assertThat(last.terms().get(0).text()).isEqualTo("k[2,1,1,1]x[1,3,3]");
        assertThat(last.terms().get(11).text()).isEqualTo("k[2,3,2,2]x[3,4,4]");
        assertThat(last.latex()).startsWith("k_{2,1,1,1} x_{1,3,3} + ");
    }

    @Test
    void groupsIndexTheKernelChannelWithinItsGroup() {
        // 4 channels in 2 groups, 2 filters: filter 2 sees channels 3 and 4 as its channels 1 and 2
        ConvGeometry g = ConvGeometry.builder().inChannels(4).outChannels(2).groups(2).size(3).kernel(1).build();
        OutputElement y = new Elements(g, false).at(3);
        assertThat(y.name().text()).isEqualTo("y[2,1]");
        assertThat(y.text()).isEqualTo("k[2,1,1]x[3,1] + k[2,2,1]x[4,1]");
    }

    @Test
    void singleChannelTwoDimensionalNamesAreShort() {
        ConvGeometry g = ConvGeometry.builder().size(3, 3).kernel(2).build();
        assertThat(new Elements(g, false).at(0).text()).isEqualTo("k[1,1]x[1,1] + k[1,2]x[1,2] + k[2,1]x[2,1] + k[2,2]x[2,2]");
    }

    @Test
    void selectionParsesKeywordsAndIndices() {
        var taps = new Elements(conv1d(9, 3, "valid", PaddingMode.ZEROS), false).taps();
        assertThat(ElementSelection.parse(List.of("first,last"), taps)).containsExactly(0L, 6L);
        assertThat(ElementSelection.parse(List.of("3", "first,5;last"), taps)).containsExactly(2L, 0L, 4L, 6L);
        var taps2d = new Elements(ConvGeometry.builder().outChannels(2).size(4, 5).kernel(2).build(), false).taps();
        assertThat(ElementSelection.parse(List.of("2,3,4"), taps2d)).containsExactly(taps2d.rowOf(new int[] {1, 2, 3}));
        assertThat(ElementSelection.parse(List.of("1,1"), taps2d)).containsExactly(0L, 12L);
        assertThatThrownBy(() -> ElementSelection.parse(List.of("1,9"), taps2d))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("at: expected position numbers");
        assertThatThrownBy(() -> ElementSelection.parse(List.of("first,2"), taps2d)).hasMessageStartingWith("at:");
        assertThatThrownBy(() -> ElementSelection.parse(List.of("middle"), taps)).hasMessageStartingWith("at:");
        assertThatThrownBy(() -> ElementSelection.parse(List.of("8"), taps)).hasMessageContaining("1 to 7");
    }

    static IntStream seeds() {
        return IntStream.range(0, 100);
    }

    /** Every element's terms are the entries of its row of K, shared and unshared. */
    @ParameterizedTest
    @MethodSource("seeds")
    void elementsAgreeWithTheRowsOfK(int seed) {
        Random rnd = new Random(30_000 + seed);
        ConvGeometry g = RandomGeometry.draw(rnd);
        for (boolean unshared : new boolean[] {false, true}) {
            Elements e = new Elements(g, unshared);
            ConvMatrix k = ConvMatrix.of(g, unshared);
            k.forEachRow((r, entries) -> {
                OutputElement y = e.at(r);
                var grouped = y.byInput();
                assertThat(grouped.keySet()).containsExactlyElementsOf(entries.stream().map(Entry::col).toList());
                for (Entry entry : entries) {
                    assertThat(grouped.get(entry.col()).stream().mapToLong(Term::weightId).toArray())
                            .containsExactly(entry.weights());
                }
            });
        }
    }
}
