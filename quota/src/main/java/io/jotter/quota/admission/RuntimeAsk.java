package io.jotter.quota.admission;

import java.math.BigDecimal;

/**
 * The runtime type a user asks for, as quota sees it (quota does not know the pool's catalog).
 *
 * @param type the runtime type's name
 * @param accelerated whether it holds an accelerator: free tiers count its time
 * @param unitsPerHour what it costs a paid tier an hour
 */
public record RuntimeAsk(String type, boolean accelerated, BigDecimal unitsPerHour) {
}
