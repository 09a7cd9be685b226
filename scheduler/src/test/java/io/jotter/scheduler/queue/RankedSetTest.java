package io.jotter.scheduler.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RankedSetTest {

    @Test
    void agreesWithTreeSetOnRanksAndFirstThroughRandomAddsAndRemoves() {
        RankedSet<Integer> ranked = new RankedSet<>(Comparator.naturalOrder());
        TreeSet<Integer> reference = new TreeSet<>();
        Random random = new Random(42);
        for (int step = 0; step < 20_000; step++) {
            int value = random.nextInt(2_000);
            if (reference.contains(value)) {
                assertEquals(reference.headSet(value).size(), ranked.rank(value));
                ranked.remove(value);
                reference.remove(value);
            } else {
                ranked.add(value);
                reference.add(value);
            }
            assertEquals(reference.size(), ranked.size());
            assertEquals(reference.isEmpty() ? null : reference.first(), ranked.first());
        }
        assertEquals(new ArrayList<>(reference), ranked.toList());
    }

    @Test
    void removingWhatIsAbsentChangesNothing() {
        RankedSet<String> ranked = new RankedSet<>(Comparator.naturalOrder());
        ranked.add("b");
        assertEquals(false, ranked.remove("a"));
        assertEquals(List.of("b"), ranked.toList());
    }
}
