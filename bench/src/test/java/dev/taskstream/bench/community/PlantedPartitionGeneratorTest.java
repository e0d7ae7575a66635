package dev.taskstream.bench.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlantedPartitionGeneratorTest {

    @Test
    void groupsAreBalancedAndTheMixingFractionIsHonoured() {
        PlantedPartition p = PlantedPartitionGenerator.generate(1003, 10, 50_000, 0.25, 1);
        assertThat(p.edgeCount()).isEqualTo(50_000);
        int[] sizes = new int[10];
        for (int g : p.membership()) {
            sizes[g]++;
        }
        assertThat(java.util.Arrays.stream(sizes).min().getAsInt()).isEqualTo(100);
        assertThat(java.util.Arrays.stream(sizes).max().getAsInt()).isEqualTo(101);
        int outside = 0;
        for (int i = 0; i < p.edgeCount(); i++) {
            assertThat(p.sources()[i]).isNotEqualTo(p.targets()[i]);
            if (p.membership()[p.sources()[i]] != p.membership()[p.targets()[i]]) {
                outside++;
            }
        }
        assertThat(outside / 50_000.0).isCloseTo(0.25, within(0.01));
    }

    @Test
    void sameSeedSameGraph() {
        PlantedPartition a = PlantedPartitionGenerator.generate(500, 5, 4000, 0.3, 42);
        PlantedPartition b = PlantedPartitionGenerator.generate(500, 5, 4000, 0.3, 42);
        assertThat(a.sources()).isEqualTo(b.sources());
        assertThat(a.targets()).isEqualTo(b.targets());
        assertThat(a.membership()).isEqualTo(b.membership());
    }

    @Test
    void impossibleParametersAreRejected() {
        assertThatThrownBy(() -> PlantedPartitionGenerator.generate(10, 6, 10, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 nodes per group");
        assertThatThrownBy(() -> PlantedPartitionGenerator.generate(10, 2, 10, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixing");
    }
}
