package io.burnwatch.core.spec;

import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.FieldCondition;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TraceSource;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NativeSpecMapperTest {

    private static final String MINIMAL = """
            apiVersion: burnwatch/v1
            service:
              name: checkout
            slos:
              - name: availability
                objective: 99.9
                sli:
                  kind: availability
                  source:
                    traces: {}
            """;

    @Test
    void theShortestFileGetsSaneDefaults() {
        LoadResult result = SpecFixtures.load("minimal.yaml", MINIMAL);
        assertThat(result.problems()).isEmpty();
        ServiceDefinition service = result.definitions().get(0);
        assertThat(service.timeZone()).isEqualTo(ZoneOffset.UTC);
        Slo slo = service.slos().get(0);
        assertThat(slo.id().toString()).isEqualTo("checkout/availability");
        assertThat(slo.objective().ratio()).isCloseTo(0.999, within(1e-12));
        assertThat(slo.window()).isEqualTo(new RollingWindow(Duration.ofDays(30)));
        assertThat(slo.budgeting()).isEqualTo(BudgetingMethod.OCCURRENCES);
        assertThat(slo.alerting().tiers()).isEqualTo(WorkbookTiers.DEFAULT);
        TraceSource source = (TraceSource) slo.sli().source();
        assertThat(source.serviceName()).isEqualTo("checkout");
        assertThat(source.spanKind()).isEqualTo(SpanKind.SERVER);
        assertThat(source.badStatusCodes().contains(503)).isTrue();
        assertThat(source.badStatusCodes().contains(404)).isFalse();
        assertThat(source.errorStatusIsBad()).isTrue();
    }

    @Test
    void theSampleDefinitionsAllLoadWithoutProblems() throws Exception {
        Path dir = SpecFixtures.repoRoot().resolve("slo-definitions");
        List<SpecDocument> docs;
        try (Stream<Path> files = Files.list(dir)) {
            docs = files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(f -> SpecFixtures.read(f, f.getFileName().toString())).toList();
        }
        LoadResult result = new SpecLoader().load(docs);
        assertThat(result.problems()).isEmpty();
        assertThat(result.definitions()).extracting(ServiceDefinition::name)
                .containsExactlyInAnyOrder("checkout", "storefront", "search");
        // every SLI kind and every source kind is covered by the samples
        List<Slo> slos = result.definitions().stream().flatMap(s -> s.slos().stream()).toList();
        assertThat(slos).extracting(s -> (Object) s.sli().getClass()).contains(AvailabilitySli.class, LatencyThresholdSli.class,
                LatencyPercentileSli.class);
        assertThat(slos).extracting(s -> (Object) s.sli().source().getClass()).contains(TraceSource.class,
                TelegrafEventSource.class, TelegrafCounterSource.class, TelegrafHistogramSource.class);
    }

    @Test
    void checkoutMapsFieldByField() {
        ServiceDefinition checkout = sample("checkout.yaml");
        assertThat(checkout.owner()).isEqualTo("team-payments");
        assertThat(checkout.stakeholders()).containsExactly("payments-lead@example.com", "cfo-office@example.com");
        assertThat(checkout.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(checkout.labels()).containsEntry("tier", "1");
        assertThat(checkout.runbookUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("runbooks.example.com"));

        Slo availability = checkout.slo("availability").orElseThrow();
        assertThat(availability.sla()).hasValueSatisfying(sla -> {
            assertThat(sla.objective().ratio()).isCloseTo(0.995, within(1e-12));
            assertThat(sla.window()).isEqualTo(CalendarWindow.of(CalendarUnit.MONTH, ZoneId.of("Europe/Berlin")));
        });
        assertThat(availability.alerting().minimumShortWindowEvents()).isEqualTo(20);
        assertThat(availability.alerting().noDataAfter()).hasValue(Duration.ofMinutes(15));
        assertThat(availability.alerting().labels()).containsEntry("team", "payments");

        Slo latency = checkout.slo("latency").orElseThrow();
        assertThat(((LatencyThresholdSli) latency.sli()).threshold()).isEqualTo(Duration.ofMillis(300));
        assertThat(((TraceSource) latency.sli().source()).route()).hasValue("/api/checkout");
        assertThat(latency.alerting().tiers()).filteredOn(t -> t.name().equals("ticket-3d"))
                .extracting(BurnRateTier::enabled).containsExactly(false);
        assertThat(latency.alerting().enabledTiers()).hasSize(3);

        Slo p95 = checkout.slo("p95-latency").orElseThrow();
        assertThat(p95.sli()).isInstanceOfSatisfying(LatencyPercentileSli.class,
                s -> assertThat(s.percentile()).isEqualTo(95.0));
        assertThat(p95.budgeting()).isEqualTo(new BudgetingMethod.Timeslices(Duration.ofMinutes(1), 1.0));
    }

    @Test
    void storefrontMapsTelegrafSources() {
        ServiceDefinition storefront = sample("storefront.yaml");
        Slo probes = storefront.slo("probe-availability").orElseThrow();
        TelegrafEventSource events = (TelegrafEventSource) probes.sli().source();
        assertThat(events.measurement()).isEqualTo("http_response");
        assertThat(events.tags()).singleElement().satisfies(t -> assertThat(t.test("https://www.example.com/")).isTrue());
        FieldCondition resultCode = events.good().get(0);
        assertThat(resultCode.testNumber(0)).isTrue();
        assertThat(resultCode.testNumber(5)).isFalse();
        FieldCondition status = events.good().get(1);
        assertThat(status.testNumber(204)).isTrue();
        assertThat(status.testNumber(302)).isTrue();
        assertThat(status.testNumber(500)).isFalse();
        assertThat(probes.window()).isEqualTo(CalendarWindow.of(CalendarUnit.MONTH, ZoneId.of("America/New_York")));

        TelegrafEventSource latency = (TelegrafEventSource) storefront.slo("probe-latency").orElseThrow().sli().source();
        assertThat(latency.latencyField()).hasValue("response_time");
        assertThat(latency.latencyUnit()).isEqualTo(LatencyUnit.SECONDS);

        TelegrafCounterSource counters = (TelegrafCounterSource) storefront.slo("requests").orElseThrow().sli().source();
        assertThat(counters.numeratorIsBad()).isTrue();
        assertThat(counters.numerator().measurement()).isEqualTo("nginx_http_requests_total");
        assertThat(counters.numerator().tags()).singleElement().satisfies(t -> {
            assertThat(t.test("503")).isTrue();
            assertThat(t.test("200")).isFalse();
        });
        assertThat(counters.total().tags()).isEmpty();
    }

    @Test
    void searchOverridesTierBudgetsLikeSlothsSevenDayWindows() {
        Slo fast = sample("search.yaml").slo("fast-queries").orElseThrow();
        assertThat(fast.alerting().tiers()).extracting(BurnRateTier::budgetConsumedRatio)
                .containsExactly(0.08, 0.125, 0.20, 0.42);
        TelegrafHistogramSource h = (TelegrafHistogramSource) fast.sli().source();
        assertThat(h.leTag()).isEqualTo("le");
        assertThat(h.unit()).isEqualTo(LatencyUnit.SECONDS);
        assertThat(h.measurement()).isEqualTo("prometheus");
        Slo availability = sample("search.yaml").slo("availability").orElseThrow();
        assertThat(availability.budgeting()).isEqualTo(new BudgetingMethod.RatioTimeslices(Duration.ofMinutes(5)));
        assertThat(((TraceSource) availability.sli().source()).badStatusCodes().contains(429)).isTrue();
    }

    @Test
    void aTierThatCanNeverFireIsAWarningNotAnError() {
        LoadResult result = SpecFixtures.load("low.yaml", MINIMAL.replace("99.9", "90"));
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(SpecProblem.Level.WARNING);
            assertThat(p.message()).contains("page-1h", "can never fire", "14.4");
        });
        assertThat(result.sloCount()).isEqualTo(1);
    }

    @Test
    void anInvalidSloIsLeftOutWhileItsValidSiblingsLoad() {
        String yaml = MINIMAL + """
                  - name: broken
                    objective: 101
                    sli: {kind: availability, source: {traces: {}}}
                """;
        LoadResult result = SpecFixtures.load("mixed.yaml", yaml);
        assertThat(result.errors()).hasSize(1);
        assertThat(result.definitions().get(0).slos()).extracting(s -> s.id().slo()).containsExactly("availability");
    }

    @Test
    void aTypoInAKeyNeverPassesSilentlyTheSloIsLeftOut() {
        LoadResult result = SpecFixtures.load("typo.yaml", MINIMAL.replace("objective: 99.9", "objective: 99.9\n    windw: 7d"));
        assertThat(result.errors()).hasSize(1);
        assertThat(result.sloCount()).isZero();
    }

    @Test
    void anErrorInTheServiceItselfLeavesTheWholeServiceOut() {
        LoadResult result = SpecFixtures.load("svc.yaml", MINIMAL.replace("name: checkout", "name: checkout\n  ownr: me"));
        assertThat(result.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("unknown key 'ownr'"));
        assertThat(result.definitions()).isEmpty();
    }

    @Test
    void theSameServiceInTwoFilesIsAnError() {
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument("a.yaml", MINIMAL),
                new SpecDocument("b.yaml", MINIMAL)));
        assertThat(result.errors()).singleElement().hasToString(
                "b.yaml:3:3: error: service 'checkout' is already defined at a.yaml:3:3; a service is defined in one place");
        assertThat(result.definitions()).hasSize(1);
    }

    @Test
    void aNewTierNeedsNoDefaultToBuildOn() {
        String yaml = MINIMAL + """
                    alerting:
                      keepFiringFor: 0s
                      tiers:
                        ticket-7d: {severity: ticket, budgetConsumed: 25, longWindow: 7d, shortWindow: 12h}
                """;
        LoadResult result = SpecFixtures.load("tier.yaml", yaml);
        assertThat(result.problems()).isEmpty();
        var alerting = result.definitions().get(0).slos().get(0).alerting();
        assertThat(alerting.tiers()).extracting(BurnRateTier::name)
                .containsExactly("page-1h", "page-6h", "ticket-1d", "ticket-3d", "ticket-7d");
        assertThat(alerting.tiers().get(4).budgetConsumedRatio()).isCloseTo(0.25, within(1e-12));
        assertThat(alerting.keepFiringFor()).isZero();
    }

    @Test
    void objectivesMayBeWrittenAsPercentStrings() {
        LoadResult result = SpecFixtures.load("pct.yaml", MINIMAL.replace("99.9", "\"99.95%\""));
        assertThat(result.problems()).isEmpty();
        assertThat(result.definitions().get(0).slos().get(0).objective().ratio()).isCloseTo(0.9995, within(1e-12));
    }

    private static ServiceDefinition sample(String file) {
        Path path = SpecFixtures.repoRoot().resolve("slo-definitions").resolve(file);
        LoadResult result = new SpecLoader().load(List.of(SpecFixtures.read(path, file)));
        assertThat(result.problems()).isEmpty();
        return result.definitions().get(0);
    }
}
