package io.jotter.pool.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityPoolTest {
    @Test
    void placesOnTheFullestNodeThatFitsSoWholeNodesStayFree() {
        CapacityPool pool = new CapacityPool(List.of(new PoolNode("a", "gpu-t4", 8), new PoolNode("b", "gpu-t4", 8)));
        Placement first = pool.place("gpu-t4", 1).orElseThrow();
        Placement second = pool.place("gpu-t4", 1).orElseThrow();
        assertEquals(first.node(), second.node());
        Placement eight = pool.place("gpu-t4", 8).orElseThrow();
        assertTrue(!eight.node().equals(first.node()));
        assertEquals(6, pool.free("gpu-t4"));
        assertEquals(16, pool.total("gpu-t4"));
    }

    @Test
    void nothingFitsWhenFullAndAReleaseMakesRoomAgain() {
        CapacityPool pool = new CapacityPool(List.of(new PoolNode("a", "gpu-l4", 2)));
        Placement one = pool.place("gpu-l4", 1).orElseThrow();
        pool.place("gpu-l4", 1).orElseThrow();
        assertEquals(Optional.empty(), pool.place("gpu-l4", 1));
        assertEquals(Optional.empty(), pool.place("gpu-t4", 1));
        pool.release(one);
        assertEquals("a", pool.place("gpu-l4", 1).orElseThrow().node());
    }

    @Test
    void aNodeThatShrinksKeepsWhatRunsAndOneThatLeavesTakesNothingBack() {
        CapacityPool pool = new CapacityPool(List.of(new PoolNode("a", "cpu", 4)));
        Placement running = pool.place("cpu", 3).orElseThrow();
        pool.add(new PoolNode("a", "cpu", 6));
        assertEquals(3, pool.free("cpu"));
        pool.remove("a");
        pool.release(running);
        assertEquals(0, pool.total("cpu"));
        assertEquals(0, pool.free("cpu"));
    }
}
