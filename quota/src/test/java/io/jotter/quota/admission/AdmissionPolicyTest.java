package io.jotter.quota.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {
    private static final Instant WEDNESDAY = Instant.parse("2026-12-02T15:30:00Z");
    private static final RuntimeAsk CPU = new RuntimeAsk("cpu", false, new BigDecimal("0.08"));
    private static final RuntimeAsk T4 = new RuntimeAsk("gpu-t4", true, new BigDecimal("1.76"));
    private static final RuntimeAsk A100 = new RuntimeAsk("gpu-a100", true, new BigDecimal("11.77"));

    private final AdmissionPolicy policy = AdmissionPolicy.defaults();
    private final Tiers tiers = Tiers.defaults();

    private static Usage freeUsage(int running, Duration acceleratorTime, int runningAccelerators) {
        return new Usage(running, BigDecimal.ZERO, BigDecimal.ZERO, acceleratorTime, runningAccelerators);
    }

    @Test
    void aTypeOutsideTheTierIsRefusedNamingWhatTheTierIncludes() {
        Admission.Refused refused = assertInstanceOf(Admission.Refused.class,
                policy.decide(tiers.free(), A100, Usage.NONE, WEDNESDAY));
        assertEquals(Admission.Reason.TIER, refused.reason());
        assertEquals("The free tier does not include gpu-a100 runtimes.", refused.message());
        assertEquals("Choose one of cpu, gpu-t4, or move to a tier that includes gpu-a100.", refused.remedy());
    }

    @Test
    void moreRuntimesThanTheTierAllowsAtOnceAreRefused() {
        Admission.Refused refused = assertInstanceOf(Admission.Refused.class,
                policy.decide(tiers.free(), CPU, freeUsage(2, Duration.ZERO, 0), WEDNESDAY));
        assertEquals(Admission.Reason.CONCURRENCY, refused.reason());
        assertTrue(refused.message().startsWith("You already have 2 runtimes running"));
    }

    @Test
    void freeAcceleratorTimeLimitsTheRuntimeAndRenewsOnMonday() {
        Admission.Admitted full = assertInstanceOf(Admission.Admitted.class,
                policy.decide(tiers.free(), T4, freeUsage(0, Duration.ofHours(1), 0), WEDNESDAY));
        assertEquals(new Admission.Admitted(Duration.ofHours(12), false), full);

        Admission.Admitted limited = assertInstanceOf(Admission.Admitted.class,
                policy.decide(tiers.free(), T4, freeUsage(0, Duration.ofHours(28), 0), WEDNESDAY));
        assertEquals(new Admission.Admitted(Duration.ofHours(2), true), limited);

        Admission.Refused spent = assertInstanceOf(Admission.Refused.class,
                policy.decide(tiers.free(), T4, freeUsage(0, Duration.ofHours(30).minusMinutes(5), 0), WEDNESDAY));
        assertEquals(Admission.Reason.QUOTA, spent.reason());
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), spent.retryAt());
        assertTrue(spent.remedy().startsWith("CPU runtimes are not counted"));

        assertInstanceOf(Admission.Admitted.class,
                policy.decide(tiers.free(), CPU, freeUsage(0, Duration.ofHours(31), 0), WEDNESDAY));
    }

    @Test
    void twoRunningAcceleratorsShareTheTimeLeft() {
        Admission.Admitted second = assertInstanceOf(Admission.Admitted.class,
                policy.decide(tiers.free(), T4, freeUsage(1, Duration.ofHours(26), 1), WEDNESDAY));
        assertEquals(Duration.ofHours(2), second.maxRuntime());
    }

    @Test
    void paidUnitsMustLastTenMinutesAtTheCombinedRate() {
        Tier pro = tiers.find(Tiers.PRO).orElseThrow();
        // 2.5 units: an A100 alone (11.77/h) lasts 12 min 44 s; beside a running T4 (13.53/h together) 11 min 5 s.
        Usage alone = new Usage(0, new BigDecimal("2.5"), BigDecimal.ZERO, Duration.ZERO, 0);
        assertEquals(new Admission.Admitted(Duration.ofSeconds(764), true), policy.decide(pro, A100, alone, WEDNESDAY));
        Usage withT4 = new Usage(1, new BigDecimal("2.5"), new BigDecimal("1.76"), Duration.ZERO, 1);
        assertInstanceOf(Admission.Admitted.class, policy.decide(pro, A100, withT4, WEDNESDAY));
        Usage less = new Usage(1, new BigDecimal("2.2"), new BigDecimal("1.76"), Duration.ZERO, 1);
        Admission.Refused refused = assertInstanceOf(Admission.Refused.class, policy.decide(pro, A100, less, WEDNESDAY));
        assertEquals(Admission.Reason.QUOTA, refused.reason());
        assertEquals("Your 2.20 compute units would last less than 10 min with gpu-a100 (11.77 units an hour) added "
                + "to what you run.", refused.message());
    }

    @Test
    void plentyOfUnitsGiveTheTiersFullLifetime() {
        Tier pro = tiers.find(Tiers.PRO).orElseThrow();
        Usage rich = new Usage(0, new BigDecimal("100"), BigDecimal.ZERO, Duration.ZERO, 0);
        assertEquals(new Admission.Admitted(Duration.ofHours(24), false), policy.decide(pro, T4, rich, WEDNESDAY));
    }
}
