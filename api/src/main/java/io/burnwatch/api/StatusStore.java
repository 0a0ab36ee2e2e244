package io.burnwatch.api;

import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the embedded run keeps of the job's output for the API: every SLO's latest status and its
 * recent ones, the alerts firing now and the recent alert changes. Bounded in memory: at most
 * {@code burnwatch.api.history-per-slo} statuses per SLO (720 by default: an hour at one every 5 s)
 * and {@code burnwatch.api.alert-history} alert changes; the oldest go first. Thread-safe: the
 * job's sink writes, the API reads.
 */
@Singleton
public final class StatusStore {

    private final int historyPerSlo;
    private final int alertHistory;
    private final Map<String, Deque<SloStatusRecord>> statuses = new HashMap<>();
    private final Map<String, AlertEvent> firing = new LinkedHashMap<>();
    private final Deque<AlertEvent> alerts = new ArrayDeque<>();
    /** Per SLO, its published days by ISO date (which sorts by time). */
    private final Map<String, java.util.TreeMap<String, DailyRecord>> days = new HashMap<>();
    private final int daysPerSlo;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told of each published day and each alert change as it arrives (the embedded report archive). */
    public interface Listener {
        void day(DailyRecord day);

        void alert(AlertEvent alert);
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Why the store does not have every published day yet (distributed mode, at start); null: it has. */
    private volatile String daysPending;

    public void daysPending(String reason) {
        this.daysPending = reason;
    }

    public Optional<String> daysPendingReason() {
        return Optional.ofNullable(daysPending);
    }
    private final java.util.concurrent.atomic.LongAdder firedChanges = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder resolvedChanges = new java.util.concurrent.atomic.LongAdder();

    public StatusStore(@Value("${burnwatch.api.history-per-slo:720}") int historyPerSlo,
                       @Value("${burnwatch.api.alert-history:10000}") int alertHistory,
                       @Value("${burnwatch.api.days-per-slo:400}") int daysPerSlo) {
        if (historyPerSlo < 1 || alertHistory < 1 || daysPerSlo < 1) {
            throw new IllegalArgumentException("burnwatch.api.history-per-slo, alert-history and days-per-slo must be ≥ 1");
        }
        this.historyPerSlo = historyPerSlo;
        this.alertHistory = alertHistory;
        this.daysPerSlo = daysPerSlo;
    }

    /**
     * A published day; it replaces what the store has for that date, except that a day in progress
     * (the end of a replay) does not replace the complete one.
     */
    public void add(DailyRecord day) {
        synchronized (this) {
            java.util.TreeMap<String, DailyRecord> slo = days.computeIfAbsent(day.sloKey(), k -> new java.util.TreeMap<>());
            DailyRecord before = slo.get(day.date());
            if (before != null && before.complete() && !day.complete()) {
                return;
            }
            slo.put(day.date(), day);
            while (slo.size() > daysPerSlo) {
                slo.pollFirstEntry();
            }
        }
        listeners.forEach(l -> l.day(day)); // outside the lock: a listener may write a file
    }

    /** Every SLO's days, oldest first per SLO. */
    public synchronized List<DailyRecord> allDays() {
        List<DailyRecord> out = new ArrayList<>();
        days.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The kept alert changes, oldest first. */
    public synchronized List<AlertEvent> changesOldestFirst() {
        return new ArrayList<>(alerts);
    }

    /** The SLO's days from {@code from} to {@code to} (both included), oldest first. */
    public synchronized List<DailyRecord> days(String sloKey, java.time.LocalDate from, java.time.LocalDate to) {
        java.util.TreeMap<String, DailyRecord> slo = days.get(sloKey);
        return slo == null ? List.of() : List.copyOf(slo.subMap(from.toString(), true, to.toString(), true).values());
    }

    public synchronized void add(SloStatusRecord status) {
        Deque<SloStatusRecord> history = statuses.computeIfAbsent(status.sloKey(), k -> new ArrayDeque<>());
        if (!history.isEmpty() && history.peekLast().atMillis() >= status.atMillis()) {
            return; // a replayed status (after a restart): the store already has it or a later one
        }
        history.addLast(status);
        while (history.size() > historyPerSlo) {
            history.removeFirst();
        }
    }

    public void add(AlertEvent alert) {
        add(alert, true);
    }

    /**
     * An alert change; {@code counted} false for one read back from history (the alerts topic at the
     * API's start), which sets the firing set but is no new change for {@link #alertChanges}.
     */
    public void add(AlertEvent alert, boolean counted) {
        keep(alert, counted);
        if (counted) {
            listeners.forEach(l -> l.alert(alert)); // outside the lock: a listener may write a file
        }
    }

    private synchronized void keep(AlertEvent alert, boolean counted) {
        AlertEvent before = alert.status() == AlertEvent.Status.FIRING ? firing.put(alert.fingerprint(), alert)
                : firing.remove(alert.fingerprint());
        boolean changes = alert.status() == AlertEvent.Status.FIRING
                ? before == null || before.episode() != alert.episode() : before != null;
        if (changes && counted) { // a replayed change (after a job restart) is not counted twice
            (alert.status() == AlertEvent.Status.FIRING ? firedChanges : resolvedChanges).increment();
        }
        alerts.addLast(alert);
        while (alerts.size() > alertHistory) {
            alerts.removeFirst();
        }
    }

    public synchronized Optional<SloStatusRecord> latest(String sloKey) {
        Deque<SloStatusRecord> history = statuses.get(sloKey);
        return history == null || history.isEmpty() ? Optional.empty() : Optional.of(history.peekLast());
    }

    /** The SLO's statuses with {@code fromMillis ≤ at < toMillis}, oldest first. */
    public synchronized List<SloStatusRecord> history(String sloKey, long fromMillis, long toMillis) {
        Deque<SloStatusRecord> history = statuses.get(sloKey);
        if (history == null) {
            return List.of();
        }
        return history.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis).toList();
    }

    public synchronized List<AlertEvent> firing() {
        List<AlertEvent> now = new ArrayList<>(firing.values());
        now.sort(Comparator.comparingLong(AlertEvent::startsAtMillis));
        return now;
    }

    /** How many alerts started firing ({@code FIRING}) or resolved since the start. */
    public long alertChanges(AlertEvent.Status status) {
        return (status == AlertEvent.Status.FIRING ? firedChanges : resolvedChanges).sum();
    }

    /** The instant of the newest status of any SLO, if there is one. */
    public synchronized Optional<Long> newestStatusMillis() {
        return statuses.values().stream().filter(h -> !h.isEmpty()).map(h -> h.peekLast().atMillis()).max(Long::compare);
    }

    /** The recent alert changes, newest first. */
    public synchronized List<AlertEvent> changes() {
        List<AlertEvent> list = new ArrayList<>(alerts);
        java.util.Collections.reverse(list);
        return list;
    }
}
