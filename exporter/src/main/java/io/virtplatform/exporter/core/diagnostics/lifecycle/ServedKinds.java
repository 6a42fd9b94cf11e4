package io.virtplatform.exporter.core.diagnostics.lifecycle;

import io.virtplatform.exporter.core.cluster.ApiResolver;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server serves the kinds that ownerReferences name, cached so that informer
 * events do not each cost a discovery request. The owner must call {@link #invalidate} when CRDs
 * or APIServices change. A "not served" answer is also re-checked after {@link #NEGATIVE_TTL}, so
 * that a kind whose CRD appears just before one of its dependents is not reported as dangling for
 * long, even if that CRD change is noticed late.
 */
final class ServedKinds {

  private static final Logger LOG = LoggerFactory.getLogger(ServedKinds.class);
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);

  private record Answer(boolean served, Instant at) {}

  private final ApiResolver resolver;
  private final Clock clock;
  private final Map<GroupVersionKind, Answer> answers = new HashMap<>();

  ServedKinds(ApiResolver resolver, Clock clock) {
    this.resolver = resolver;
    this.clock = clock;
  }

  /** Whether {@code kind} is served; empty when the API server cannot tell right now. */
  synchronized Optional<Boolean> isServed(GroupVersionKind kind) {
    Instant now = clock.instant();
    Answer cached = answers.get(kind);
    if (cached != null && (cached.served() || now.isBefore(cached.at().plus(NEGATIVE_TTL)))) {
      return Optional.of(cached.served());
    }
    try {
      boolean served = resolver.resolve(kind).isPresent();
      answers.put(kind, new Answer(served, now));
      return Optional.of(served);
    } catch (RuntimeException e) {
      LOG.warn("Cannot tell whether owner kind {} is served: {}", LogSafe.quote(kind.toString()),
          e.getMessage());
      return Optional.empty();
    }
  }

  synchronized void invalidate() {
    answers.clear();
  }
}
