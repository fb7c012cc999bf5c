package dev.stagecraft.deployer.driver.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where operations wait for a cluster's circuit breaker to change state (OPEN → HALF_OPEN when its wait is
 * over, HALF_OPEN → CLOSED or OPEN when a trial call ends): woken by the breaker's state transition events,
 * so nobody polls. A waiter notes {@link #transitions()} before it tries, and waits for a transition after that,
 * so none is missed.
 */
final class BreakerGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long transitions;

    BreakerGate(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> transitioned());
    }

    long transitions() {
        lock.lock();
        try {
            return transitions;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the breaker changed state after {@code seen} transitions, but no longer than {@code recheck}
     * (in case a transition is never announced) and not past {@code deadline} ({@link System#nanoTime()}).
     */
    void awaitTransitionAfter(long seen, Duration recheck, long deadline) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long until = System.nanoTime() + Math.min(recheck.toNanos(), Math.max(0, deadline - System.nanoTime()));
            long left = until - System.nanoTime();
            while (transitions == seen && left > 0) {
                changed.await(left, TimeUnit.NANOSECONDS);
                left = until - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    private void transitioned() {
        lock.lock();
        try {
            transitions++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
