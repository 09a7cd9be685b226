package io.jotter.server;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock of the server; tests replace it to move time without sleeping. */
public class ServerClock {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
