package io.jotter.quota.admission;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A user's usage at one instant, running runtimes included.
 *
 * @param running runtimes the user holds now
 * @param units compute units left, minus what running runtimes have used so far
 * @param burnPerHour units an hour the running runtimes spend together
 * @param acceleratorTimeThisWeek accelerator time used this week, running accelerator runtimes included
 * @param runningAccelerators running runtimes that hold an accelerator (each burns accelerator time)
 */
public record Usage(int running, BigDecimal units, BigDecimal burnPerHour, Duration acceleratorTimeThisWeek,
                    int runningAccelerators) {
    public static final Usage NONE = new Usage(0, BigDecimal.ZERO, BigDecimal.ZERO, Duration.ZERO, 0);
}
