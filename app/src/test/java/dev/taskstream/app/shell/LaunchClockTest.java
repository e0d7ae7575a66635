package dev.taskstream.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchClockTest {
    private static final String TAIL = " R 18175 18175 12155 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 70710 3133440 417"
            + " 18446744073709551615 94915276238848 94915276258729 140735056857344 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";

    @Test
    void startTimeIsField22OfAStatLine() {
        assertThat(LaunchClock.startTicks("18177 (cat)" + TAIL)).isEqualTo(70710);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(LaunchClock.startTicks("42 (a b) (c) d)" + TAIL)).isEqualTo(70710);
    }

    @Test
    void theLaunchIsInThePast() {
        assertThat(LaunchClock.millisSinceLaunch()).isNotNegative();
    }
}
