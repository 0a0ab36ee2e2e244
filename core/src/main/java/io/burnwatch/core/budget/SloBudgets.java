package io.burnwatch.core.budget;

import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.TimeWindow;

import java.time.Duration;
import java.time.Instant;

/**
 * An SLO's SLI value and error budget over its window, whatever its window type and budgeting
 * method: the one function the job, the API and the report call.
 */
public final class SloBudgets {

    private SloBudgets() {
    }

    /** What a window's data says about an SLO. */
    public record Result(double sli, ErrorBudget budget) {
    }

    /**
     * @param events the window's event counts (used by occurrences)
     * @param slices the window's judged slices, elapsed ones only (used by the timeslice methods)
     * @param now    the evaluation instant (calendar windows: to find the period)
     */
    public static Result evaluate(BudgetingMethod method, Objective objective, TimeWindow window, Instant now,
                                  EventCounts events, SliceTally slices) {
        if (method instanceof BudgetingMethod.Timeslices t) {
            long inWindow = slicesInWindow(window, t.sliceLength(), now);
            double sli = slices.slices() == 0 ? 1.0 : 1.0 - (double) slices.badSlices() / slices.slices();
            return new Result(sli, ErrorBudget.ofTimeslices(slices.badSlices(), inWindow, objective));
        }
        if (method instanceof BudgetingMethod.RatioTimeslices) {
            double sli = slices.slicesWithData() == 0 ? 1.0 : 1.0 - slices.sumOfErrorRatios() / slices.slicesWithData();
            return new Result(sli, ErrorBudget.ofRatioTimeslices(slices.sumOfErrorRatios(), slices.slicesWithData(),
                    objective));
        }
        return new Result(events.goodRatio(), ErrorBudget.ofOccurrences(events, objective));
    }

    /**
     * Slices in the whole window: {@code W / slice} for a rolling window, the current period's
     * length over the slice for a calendar window (so a 743-hour March has 44 580 one-minute slices).
     */
    public static long slicesInWindow(TimeWindow window, Duration slice, Instant now) {
        Duration length = window instanceof CalendarWindow c ? c.periodContaining(now).length()
                : ((RollingWindow) window).length();
        return length.toNanos() / slice.toNanos();
    }
}
