package io.virtplatform.exporter.core.cluster;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.BiConsumer;

/** Adapts informer callbacks to "this object changed" / "this object is gone". */
public final class EventHandlers {

  private EventHandlers() {}

  /** {@code onChange} receives the new object, or the old one with {@code deleted = true}. */
  public static <T> ResourceEventHandler<T> of(BiConsumer<T, Boolean> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj, false);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj, false);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj, true);
      }
    };
  }

  /** For watches whose content does not matter, only that something changed. */
  public static <T> ResourceEventHandler<T> onAny(Runnable action) {
    return of((obj, deleted) -> action.run());
  }
}
