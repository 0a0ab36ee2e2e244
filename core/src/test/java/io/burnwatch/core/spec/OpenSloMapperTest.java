package io.burnwatch.core.spec;

import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Severity;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TraceSource;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** OpenSLO v1 into the model: the fixtures under openslo/, and one rule at a time. */
class OpenSloMapperTest {

    private static final String SERVICE = """
            apiVersion: openslo/v1
            kind: Service
            metadata:
              name: web
            """;

    /** An SLO of service web over the spans of web, with the given lines appended to its spec. */
    private static String slo(String name, String specLines) {
        return SERVICE + """
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: %s
                spec:
                  service: web
                  indicator:
                    metadata:
                      name: requests
                    spec:
                      ratioMetric:
                        raw:
                          metricSource:
                            type: Burnwatch.Traces
                            spec: {}
                        rawType: success
                %s""".formatted(name, specLines.indent(2));
    }

    /** The SLO without what two formats write with different float noise: objective and alerting. */
    private static Slo withoutAlerting(Slo s) {
        return new Slo(s.id(), s.description(), s.sli(), Objective.ofRatio(0.5), s.window(), s.budgeting(), s.sla(),
                AlertingPolicy.DEFAULT, s.labels());
    }

    private static Slo only(LoadResult r) {
        assertThat(r.errors()).isEmpty();
        assertThat(r.sloCount()).isEqualTo(1);
        return r.definitions().get(0).slos().get(0);
    }

    @Nested
    class CheckoutAcrossFourFiles {

        private final LoadResult result = Fixtures.load(Fixtures.documents(Fixtures.dir(
                "checkout")));

        private Slo slo(String name) {
            return result.definitions().get(0).slo(name).orElseThrow();
        }

        @Test
        void importsOneServiceWithItsThreeSlos() {
            assertThat(result.errors()).isEmpty();
            assertThat(result.definitions()).extracting(ServiceDefinition::name).containsExactly("checkout");
            assertThat(result.definitions().get(0).slos()).extracting(s -> s.id().slo())
                    .containsExactly("checkout-availability", "checkout-latency-fast", "checkout-latency-acceptable");
        }

        @Test
        void theServiceTakesItsMetadataAndBurnwatchAnnotations() {
            ServiceDefinition s = result.definitions().get(0);
            assertThat(s.displayName()).isEqualTo("Checkout");
            assertThat(s.description()).isEqualTo("Takes orders and payments for the web shop.");
            assertThat(s.owner()).isEqualTo("team-payments");
            assertThat(s.stakeholders()).containsExactly("payments-lead@example.com", "cfo-office@example.com");
            assertThat(s.runbookUrl()).contains(URI.create("https://runbooks.example.com/checkout"));
            assertThat(s.timeZone()).isEqualTo(ZoneOffset.UTC);
        }

        @Test
        void labelListsAreJoinedAndLabelKeysBecomePrometheusLabelNames() {
            assertThat(result.definitions().get(0).labels())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("tier", "1", "team", "payments,checkout-core",
                            "cost_centre", "cc-42"));
            assertThat(Fixtures.messages(result)).containsExactly("service.yaml:12:5: warning: Service"
                    + " 'checkout'.metadata.labels: label 'cost-centre' is written 'cost_centre' on alerts (Prometheus"
                    + " label names allow only letters, digits and '_')");
        }

        @Test
        void aRatioOfTheSameTracesSpecIsAnAvailabilitySliOnThoseSpans() {
            Slo s = slo("checkout-availability");
            assertThat(s.sli()).isInstanceOf(AvailabilitySli.class);
            TraceSource spans = (TraceSource) s.sli().source();
            assertThat(spans.serviceName()).isEqualTo("checkout");
            assertThat(spans.badStatusCodes().contains(429)).isTrue();
            assertThat(spans.badStatusCodes().contains(503)).isTrue();
            assertThat(s.objective().ratio()).isCloseTo(0.999, within(1e-12));
            assertThat(s.window()).isEqualTo(RollingWindow.ofDays(28));
            assertThat(s.budgeting()).isEqualTo(BudgetingMethod.OCCURRENCES);
            assertThat(s.labels()).containsExactlyEntriesOf(Map.of("journey", "purchase"));
            assertThat(s.description()).isEqualTo("99.9 % of checkout API requests succeed, over 28 days.");
        }

        @Test
        void burnRateConditionsBecomeTiersWhoseThresholdIsTheConditionsThreshold() {
            Slo s = slo("checkout-availability");
            List<BurnRateTier> tiers = s.alerting().tiers();
            assertThat(tiers).extracting(BurnRateTier::name)
                    .containsExactly("fast-burn", "medium-burn", "slow-burn", "steady-burn");
            assertThat(tiers).extracting(BurnRateTier::severity)
                    .containsExactly(Severity.PAGE, Severity.PAGE, Severity.TICKET, Severity.TICKET);
            assertThat(tiers).extracting(BurnRateTier::longWindow).containsExactly(Duration.ofHours(1),
                    Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
            assertThat(tiers).extracting(BurnRateTier::shortWindow).containsExactly(Duration.ofMinutes(5),
                    Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));
            // The 28-day Workbook shares, as Sloth's google-28d.yaml: 2 %, 5 %, 10 %, 10 %.
            assertThat(tiers.get(0).budgetConsumedRatio()).isCloseTo(0.02, within(1e-9));
            assertThat(tiers.get(1).budgetConsumedRatio()).isCloseTo(0.05, within(1e-9));
            assertThat(tiers.get(2).budgetConsumedRatio()).isCloseTo(0.10, within(1e-9));
            assertThat(tiers.get(3).budgetConsumedRatio()).isCloseTo(0.10, within(1e-4));
            // ...and the burn-rate math of core gives back the thresholds that were written.
            assertThat(tiers).extracting(t -> BurnRates.threshold(t, s.window()))
                    .satisfiesExactly(t -> assertThat(t).isCloseTo(13.44, within(1e-9)),
                            t -> assertThat(t).isCloseTo(5.6, within(1e-9)),
                            t -> assertThat(t).isCloseTo(2.8, within(1e-9)),
                            t -> assertThat(t).isCloseTo(0.9333, within(1e-9)));
        }

        @Test
        void alertWhenNoDataAlertsAfterThatPolicysLookbackWindow() {
            assertThat(slo("checkout-availability").alerting().noDataAfter()).contains(Duration.ofHours(1));
        }

        @Test
        void severalObjectivesOfAThresholdMetricAreOneLatencySloEach() {
            Slo fast = slo("checkout-latency-fast");
            Slo acceptable = slo("checkout-latency-acceptable");
            assertThat(fast.sli()).isEqualTo(new LatencyThresholdSli(fast.sli().source(), Duration.ofMillis(300)));
            assertThat(acceptable.sli()).isEqualTo(new LatencyThresholdSli(fast.sli().source(), Duration.ofSeconds(1)));
            assertThat(fast.objective().ratio()).isCloseTo(0.99, within(1e-12));
            assertThat(acceptable.objective().ratio()).isCloseTo(0.999, within(1e-12));
            TraceSource spans = (TraceSource) fast.sli().source();
            assertThat(spans.serviceName()).as("defaults to the SLO's service").isEqualTo("checkout");
            assertThat(spans.route()).contains("/api/checkout");
            assertThat(fast.window()).isEqualTo(RollingWindow.ofDays(28));
            assertThat(fast.alerting().tiers()).isEqualTo(WorkbookTiers.DEFAULT);
        }

        @Test
        void eachSloPointsAtWhereItWasDefined() {
            MappedService m = result.services().get(0);
            assertThat(m.location()).isEqualTo(new SpecLocation("service.yaml", 2, 1));
            assertThat(m.sloLocations()).containsEntry(new SloId("checkout", "checkout-availability"),
                    new SpecLocation("slos.yaml", 1, 1));
            assertThat(m.sloLocations()).containsEntry(new SloId("checkout", "checkout-latency-fast"),
                    new SpecLocation("slos.yaml", 36, 7));
        }

        @Test
        void convertedToBurnwatchV1ItLoadsBackAsTheSameService() {
            ServiceDefinition checkout = result.definitions().get(0);
            NativeSpecWriter.Written written = NativeSpecWriter.write(checkout);
            assertThat(written.warnings()).isEmpty();
            LoadResult back = Fixtures.load("checkout.yaml", written.yaml());
            assertThat(back.problems()).isEmpty();
            ServiceDefinition again = back.definitions().get(0);
            // burnwatch/v1 writes "only these tiers" as the Workbook tiers turned off plus the new ones,
            // objectives and budget shares as percentages: compare the tiers that alert, numbers with a
            // tolerance.
            assertThat(again.slos()).extracting(OpenSloMapperTest::withoutAlerting)
                    .containsExactlyElementsOf(checkout.slos().stream().map(OpenSloMapperTest::withoutAlerting)
                            .toList());
            for (int i = 0; i < checkout.slos().size(); i++) {
                assertThat(again.slos().get(i).objective().ratio())
                        .isCloseTo(checkout.slos().get(i).objective().ratio(), within(1e-12));
                List<BurnRateTier> before = checkout.slos().get(i).alerting().enabledTiers();
                List<BurnRateTier> after = again.slos().get(i).alerting().enabledTiers();
                assertThat(after).extracting(BurnRateTier::name, BurnRateTier::severity, BurnRateTier::longWindow,
                        BurnRateTier::shortWindow).containsExactlyElementsOf(before.stream().map(t -> tuple(t.name(),
                        t.severity(), t.longWindow(), t.shortWindow())).toList());
                for (int j = 0; j < before.size(); j++) {
                    assertThat(after.get(j).budgetConsumedRatio())
                            .isCloseTo(before.get(j).budgetConsumedRatio(), within(1e-9));
                }
                assertThat(again.slos().get(i).alerting().noDataAfter())
                        .isEqualTo(checkout.slos().get(i).alerting().noDataAfter());
            }
            assertThat(again.labels()).isEqualTo(checkout.labels());
            assertThat(again.stakeholders()).isEqualTo(checkout.stakeholders());
        }

        @Test
        void theSameFilesLoadInAnyOrder() {
            List<SpecDocument> docs = new ArrayList<>(Fixtures.documents(Fixtures.dir(
                    "checkout")));
            Collections.reverse(docs);
            assertThat(Fixtures.load(docs).definitions()).isEqualTo(result.definitions());
        }
    }

    @Nested
    class StorefrontInNewYork {

        private final LoadResult result = Fixtures.load(List.of(Fixtures.documents(
                Fixtures.dir("")).stream().filter(d -> d.name().equals("storefront.yaml")).findFirst()
                .orElseThrow()));

        private Slo slo(String name) {
            return result.definitions().get(0).slo(name).orElseThrow();
        }

        @Test
        void importsWithoutProblemsAndReportsInNewYork() {
            assertThat(result.problems()).isEmpty();
            assertThat(result.definitions().get(0).timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        }

        @Test
        void aCalendarMonthFromTheFirstIsTheNativeMonthInItsZone() {
            Slo s = slo("storefront-probes");
            assertThat(s.window()).isEqualTo(CalendarWindow.of(CalendarUnit.MONTH, ZoneId.of("America/New_York")));
            assertThat(s.budgeting()).isEqualTo(new BudgetingMethod.Timeslices(Duration.ofMinutes(1), 0.9));
            assertThat(s.objective().ratio()).isCloseTo(0.995, within(1e-12));
        }

        @Test
        void windowsFromNaturalPeriodStartsConvertToBurnwatchV1WithoutAWarning() {
            NativeSpecWriter.Written written = NativeSpecWriter.write(result.definitions().get(0));
            assertThat(written.warnings()).isEmpty();
            LoadResult back = Fixtures.load("storefront.yaml", written.yaml());
            assertThat(back.problems()).isEmpty();
            assertThat(back.definitions().get(0).slos()).extracting(Slo::window)
                    .containsExactlyElementsOf(result.definitions().get(0).slos().stream().map(Slo::window).toList());
        }

        @Test
        void aRawRatioOfTelegrafEventsIsAnAvailabilitySliOnThoseEvents() {
            Slo s = slo("storefront-probes");
            assertThat(s.sli()).isInstanceOf(AvailabilitySli.class);
            TelegrafEventSource probes = (TelegrafEventSource) s.sli().source();
            assertThat(probes.measurement()).isEqualTo("http_response");
            assertThat(probes.good()).hasSize(2);
        }

        @Test
        void badAndTotalCountersAreATelegrafCounterSource() {
            Slo s = slo("storefront-requests");
            TelegrafCounterSource counters = (TelegrafCounterSource) s.sli().source();
            assertThat(counters.numeratorIsBad()).isTrue();
            assertThat(counters.numerator().field()).isEqualTo("counter");
            assertThat(counters.numerator().tags()).hasSize(1);
            assertThat(counters.total().tags()).isEmpty();
            assertThat(s.window()).as("2024-01-01 is a Monday")
                    .isEqualTo(CalendarWindow.of(CalendarUnit.WEEK, ZoneId.of("America/New_York")));
            assertThat(s.budgeting()).as("a bare number of minutes")
                    .isEqualTo(new BudgetingMethod.RatioTimeslices(Duration.ofMinutes(5)));
            assertThat(s.objective().ratio()).isCloseTo(0.995, within(1e-12));
        }

        @Test
        void aHistogramThresholdIsWrittenInTheHistogramsUnit() {
            Slo s = slo("storefront-search");
            assertThat(s.sli()).isInstanceOf(LatencyThresholdSli.class);
            assertThat(s.sli().source()).isInstanceOf(TelegrafHistogramSource.class);
            assertThat(((LatencyThresholdSli) s.sli()).threshold()).isEqualTo(Duration.ofMillis(250));
            assertThat(s.window()).isEqualTo(RollingWindow.ofDays(7));
        }
    }

    @Nested
    class Objectives {

        @Test
        void oneObjectiveKeepsTheSloName() {
            assertThat(only(Fixtures.load("one.yaml", slo("web-availability", """
                    budgetingMethod: Occurrences
                    objectives:
                      - displayName: Good
                        target: 0.99
                    """))).id()).isEqualTo(new SloId("web", "web-availability"));
        }

        @Test
        void severalObjectivesAreNamedByDisplayNameOrElsePosition() {
            LoadResult r = Fixtures.load("several.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives:
                      - displayName: Internal objective (stricter)
                        target: 0.995
                      - target: 0.99
                      - displayName: SLA
                        targetPercent: 98.5
                    """));
            assertThat(r.errors()).isEmpty();
            assertThat(r.definitions().get(0).slos()).extracting(s -> s.id().slo())
                    .containsExactly("web-internal-objective-stricter", "web-2", "web-sla");
            assertThat(r.definitions().get(0).slos()).extracting(s -> s.objective().ratio())
                    .satisfiesExactly(t -> assertThat(t).isCloseTo(0.995, within(1e-12)),
                            t -> assertThat(t).isCloseTo(0.99, within(1e-12)),
                            t -> assertThat(t).isCloseTo(0.985, within(1e-12)));
        }

        @Test
        void twoObjectivesThatMakeTheSameNameAreAnError() {
            LoadResult r = Fixtures.load("same.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives:
                      - displayName: Good
                        target: 0.99
                      - displayName: good
                        target: 0.95
                    """));
            assertThat(Fixtures.messages(r)).containsExactly("same.yaml:26:7: error: SLO 'web'.spec"
                    + ".objectives[1]: makes the SLO name 'web-good', like the objective at line 24; give the"
                    + " objectives different displayNames");
            assertThat(r.sloCount()).isEqualTo(1);
        }

        @Test
        void opAndValueOnARatioMetricAreAWarningAsInTheOfficialExample() {
            LoadResult r = Fixtures.load("ratio-op.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives:
                      - op: gt
                        target: 0.995
                    """));
            assertThat(r.sloCount()).isEqualTo(1);
            assertThat(Fixtures.messages(r)).containsExactly("ratio-op.yaml:24:11: warning: SLO 'web'.spec"
                    + ".objectives[0]: op and value are for a thresholdMetric; a ratioMetric's events are good or bad"
                    + " by its own definition, so they are not used");
        }
    }

    @Nested
    class Windows {

        @Test
        void noTimeWindowIsThirtyRollingDays() {
            assertThat(only(Fixtures.load("default.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.99}]
                    """))).window()).isEqualTo(RollingWindow.ofDays(30));
        }

        @Test
        void aCalendarDayTurnsOffTheWorkbookTiersThatDoNotFitWithAWarning() {
            LoadResult r = Fixtures.load("day.yaml", slo("web", """
                    timeWindow:
                      - duration: 1d
                        calendar: {startTime: "2024-03-10 00:00:00", timeZone: America/New_York}
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.99}]
                    """));
            Slo s = only(r);
            assertThat(s.window()).isEqualTo(CalendarWindow.of(CalendarUnit.DAY, ZoneId.of("America/New_York")));
            assertThat(s.alerting().enabledTiers()).extracting(BurnRateTier::name)
                    .containsExactly("page-1h", "page-6h");
            assertThat(Fixtures.messages(r)).contains("day.yaml:11:3: warning: slo 'web'.alerting: without"
                    + " alertPolicies Burnwatch alerts with the Workbook tiers; ticket-1d, ticket-3d are off, since"
                    + " their long windows are not shorter than the SLO's day window");
        }

        @Test
        void sloWindowsInDifferentZonesOfOneServiceAreAWarning() {
            String berlin = slo("web-berlin", """
                    timeWindow:
                      - duration: 1w
                        calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Berlin}
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.99}]
                    """);
            String tokyo = slo("web-tokyo", """
                    timeWindow:
                      - duration: 1w
                        calendar: {startTime: "2024-01-01 00:00:00", timeZone: Asia/Tokyo}
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.99}]
                    """).replace(SERVICE, "");
            LoadResult r = Fixtures.load("zones.yaml", berlin + tokyo);
            assertThat(r.errors()).isEmpty();
            assertThat(r.sloCount()).isEqualTo(2);
            assertThat(r.definitions().get(0).timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(Fixtures.messages(r)).contains("zones.yaml:28:1: warning: SLO 'web-tokyo': its calendar"
                    + " window is in Asia/Tokyo, but service 'web' is reported in Europe/Berlin (from SLO"
                    + " 'web-berlin'); the SLO's window stays in Asia/Tokyo");
        }
    }

    @Nested
    class Alerting {

        private String policy(String severity, String condition) {
            return """
                    ---
                    apiVersion: openslo/v1
                    kind: AlertPolicy
                    metadata:
                      name: burn
                    spec:
                      conditions:
                        - kind: AlertCondition
                          metadata:
                            name: burn
                          spec:
                            severity: %s
                            condition: %s
                      notificationTargets:
                        - targetRef: pager
                    ---
                    apiVersion: openslo/v1
                    kind: AlertNotificationTarget
                    metadata:
                      name: pager
                    spec:
                      target: pagerduty
                    """.formatted(severity, condition);
        }

        private LoadResult withPolicy(String severity, String condition) {
            return Fixtures.load("alerts.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.999}]
                    alertPolicies: [{alertPolicyRef: burn}]
                    """) + policy(severity, condition));
        }

        @ParameterizedTest(name = "severity {0} is {1}")
        @CsvSource({"page, PAGE", "critical, PAGE", "Critical, PAGE", "sev1, PAGE", "P1, PAGE", "ticket, TICKET",
                "warning, TICKET", "warn, TICKET", "low, TICKET", "info, TICKET"})
        void commonSeverityWordsMapToPageOrTicket(String severity, Severity expected) {
            LoadResult r = withPolicy(severity, "{kind: burnrate, op: gt, threshold: 6, lookbackWindow: 6h}");
            assertThat(r.problems()).isEmpty();
            assertThat(only(r).alerting().tiers().get(0).severity()).isEqualTo(expected);
        }

        @Test
        void anUnknownSeverityPagesForAShortLookbackWithAWarning() {
            LoadResult r = withPolicy("sev2", "{kind: burnrate, threshold: 14.4, lookbackWindow: 1h}");
            assertThat(only(r).alerting().tiers().get(0).severity()).isEqualTo(Severity.PAGE);
            assertThat(Fixtures.messages(r)).containsExactly("alerts.yaml:36:19: warning: AlertPolicy 'burn'"
                    + ".spec.conditions[0].spec.severity: 'sev2' is not a severity Burnwatch knows; alerts as page"
                    + " (lookbackWindow 1h ≤ 6h); write page or ticket");
        }

        @Test
        void anUnknownSeverityTicketsForALongLookback() {
            LoadResult r = withPolicy("major", "{kind: burnrate, threshold: 3, lookbackWindow: 1d}");
            assertThat(only(r).alerting().tiers().get(0).severity()).isEqualTo(Severity.TICKET);
        }

        @Test
        void opDefaultsToGtAndKindToBurnrateAsInTheSpecsOwnExample() {
            BurnRateTier t = only(withPolicy("page", "{threshold: 14.4, lookbackWindow: 1h}")).alerting().tiers()
                    .get(0);
            assertThat(t.budgetConsumedRatio()).isCloseTo(0.02, within(1e-12));
        }

        @Test
        void anAlertAfterLongerThanTheShortWindowIsAWarning() {
            LoadResult r = withPolicy("page", "{kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h,"
                    + " alertAfter: 15m}");
            assertThat(only(r).alerting().tiers().get(0).shortWindow()).isEqualTo(Duration.ofMinutes(5));
            assertThat(Fixtures.messages(r)).containsExactly("alerts.yaml:37:94: warning: AlertPolicy 'burn'"
                    + ".spec.conditions[0].spec.condition.alertAfter: 15m is not waited for: Burnwatch confirms a burn"
                    + " with the short window (5m, 1/12 of lookbackWindow) instead of a pending time, so it may alert"
                    + " up to 10m sooner");
        }

        @Test
        void alertWhenBreachingFalseKeepsTheTierButTurnsItOff() {
            LoadResult r = Fixtures.load("alerts.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.999}]
                    alertPolicies: [{alertPolicyRef: burn}]
                    """) + policy("page", "{threshold: 14.4, lookbackWindow: 1h}")
                    .replace("  conditions:", "  alertWhenBreaching: false\n  conditions:"));
            Slo s = only(r);
            assertThat(s.alerting().tiers()).hasSize(1);
            assertThat(s.alerting().enabledTiers()).isEmpty();
        }

        @Test
        void aShortLookbackGetsAShortWindowOfAtLeastOneWholeMinute() {
            BurnRateTier t = only(withPolicy("page", "{threshold: 20, lookbackWindow: 5m}")).alerting().tiers().get(0);
            assertThat(t.shortWindow()).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Nested
    class References {

        private static final String SHARED_SLI = """
                apiVersion: openslo/v1
                kind: SLI
                metadata:
                  name: server-spans
                spec:
                  thresholdMetric:
                    metricSource:
                      type: Burnwatch.Traces
                      spec: {spanKind: server}
                """;

        private static String latencySlo(String name, String service) {
            return """
                    ---
                    apiVersion: openslo/v1
                    kind: Service
                    metadata: {name: %2$s}
                    ---
                    apiVersion: openslo/v1
                    kind: SLO
                    metadata: {name: %1$s}
                    spec:
                      service: %2$s
                      indicatorRef: server-spans
                      budgetingMethod: Occurrences
                      objectives: [{op: lte, value: 250, target: 0.99}]
                    """.formatted(name, service);
        }

        @Test
        void anSliSharedBySlosOfTwoServicesReadsTheSpansOfEach() {
            LoadResult r = Fixtures.load(List.of(new SpecDocument("sli.yaml", SHARED_SLI),
                    new SpecDocument("a.yaml", latencySlo("cart-latency", "cart")),
                    new SpecDocument("b.yaml", latencySlo("search-latency", "search"))));
            assertThat(r.problems()).isEmpty();
            assertThat(r.definitions()).extracting(d -> ((TraceSource) d.slos().get(0).sli().source()).serviceName())
                    .containsExactly("cart", "search");
        }

        @Test
        void aProblemInASharedSliIsReportedOnceNotOncePerSlo() {
            LoadResult r = Fixtures.load(List.of(
                    new SpecDocument("sli.yaml", SHARED_SLI.replace("spanKind: server", "spanKind: sever")),
                    new SpecDocument("a.yaml", latencySlo("cart-latency", "cart")),
                    new SpecDocument("b.yaml", latencySlo("search-latency", "search"))));
            assertThat(Fixtures.messages(r)).containsExactly("sli.yaml:9:24: error: SLI 'server-spans'.spec"
                    + ".thresholdMetric.metricSource.spec.spanKind: 'sever' is not a span kind; expected one of:"
                    + " server, client, producer, consumer, internal");
            assertThat(r.definitions()).extracting(ServiceDefinition::name).containsExactly("cart", "search");
            assertThat(r.sloCount()).isZero();
        }

        @Test
        void aDataSourceOfOurTypeGivesTheTypeToTheMetricSourcesThatReferToIt() {
            LoadResult r = Fixtures.load("ds.yaml", slo("web", """
                    budgetingMethod: Occurrences
                    objectives: [{target: 0.99}]
                    """).replace("type: Burnwatch.Traces", "metricSourceRef: spans") + """
                    ---
                    apiVersion: openslo/v1
                    kind: DataSource
                    metadata: {name: spans}
                    spec:
                      type: Burnwatch.Traces
                      connectionDetails: {url: "http://unused"}
                    """);
            assertThat(only(r).sli().source()).isInstanceOf(TraceSource.class);
            assertThat(Fixtures.messages(r)).containsExactly("ds.yaml:30:22: warning: DataSource 'spans'.spec"
                    + ".connectionDetails: not used: Burnwatch makes no connection for Burnwatch.Traces, it reads the"
                    + " events it ingests");
        }

        @Test
        void aServiceWithoutSlosIsImportedAsACatalogEntry() {
            LoadResult r = Fixtures.load("catalog.yaml", SERVICE);
            assertThat(r.problems()).isEmpty();
            assertThat(r.definitions()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("web");
                assertThat(d.slos()).isEmpty();
            });
        }

        @Test
        void aNativeServiceAndAnOpenSloServiceOfTheSameNameClash() {
            String nativeWeb = """
                    apiVersion: burnwatch/v1
                    kind: Service
                    service: {name: web}
                    slos:
                      - name: availability
                        objective: 99.9
                        sli: {kind: availability, source: {traces: {}}}
                    """;
            LoadResult r = Fixtures.load(List.of(new SpecDocument("native.yaml", nativeWeb),
                    new SpecDocument("openslo.yaml", SERVICE)));
            assertThat(r.errors()).singleElement().satisfies(p -> assertThat(p.toString())
                    .startsWith("openslo.yaml:1:1: error: service 'web' is already defined at native.yaml"));
            assertThat(r.definitions()).extracting(ServiceDefinition::slos).singleElement()
                    .satisfies(slos -> assertThat(slos).hasSize(1));
        }
    }

    @Test
    void anSloWithProblemsIsLeftOutAndTheOthersStay() {
        LoadResult r = Fixtures.load("mixed.yaml", slo("web-good", """
                budgetingMethod: Occurrences
                objectives: [{target: 0.99}]
                """) + slo("web-bad", """
                budgetingMethod: Occurrences
                objectives: [{target: 1.5}]
                """).replace(SERVICE, ""));
        assertThat(r.errors()).hasSize(1);
        assertThat(r.definitions().get(0).slos()).extracting(s -> s.id().slo()).containsExactly("web-good");
        assertThat(r.definitions().get(0).slo("web-good").map(Slo::sla)).contains(Optional.empty());
    }

    /** Reads the OpenSLO test fixtures under src/test/resources/openslo and loads spec texts. */
    static final class Fixtures {

        private Fixtures() {
        }

        /** The fixtures folder, or one below it. */
        static Path dir(String relative) {
            try {
                return Path.of(Fixtures.class.getResource("/openslo").toURI()).resolve(relative);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Every {@code *.yaml} below {@code folder}, named by its path relative to it, sorted. */
        static List<SpecDocument> documents(Path folder) {
            List<SpecDocument> docs = new ArrayList<>();
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml")).sorted()
                        .toList()) {
                    docs.add(new SpecDocument(folder.relativize(f).toString(), Files.readString(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return docs;
        }

        static LoadResult load(List<SpecDocument> docs) {
            return new SpecLoader().load(docs);
        }

        /** Loads one spec text given inline, named {@code name}. */
        static LoadResult load(String name, String yaml) {
            return load(List.of(new SpecDocument(name, yaml)));
        }

        static List<String> messages(LoadResult r) {
            return r.problems().stream().map(SpecProblem::toString).toList();
        }
    }
}
