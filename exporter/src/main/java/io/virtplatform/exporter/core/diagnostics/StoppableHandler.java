package io.virtplatform.exporter.core.diagnostics;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * An event handler that can be switched off for good. Stopping an informer does not withdraw the
 * events it has already queued; without this, such an event could bring back the state and series
 * a check has just dropped for the stopped watch.
 */
public final class StoppableHandler<T> implements ResourceEventHandler<T> {

  private final ResourceEventHandler<T> delegate;
  private boolean stopped;

  public StoppableHandler(ResourceEventHandler<T> delegate) {
    this.delegate = delegate;
  }

  /** When this returns, no event is being delivered and none will be. */
  public synchronized void stop() {
    stopped = true;
  }

  @Override
  public synchronized void onAdd(T obj) {
    if (!stopped) delegate.onAdd(obj);
  }

  @Override
  public synchronized void onUpdate(T oldObj, T newObj) {
    if (!stopped) delegate.onUpdate(oldObj, newObj);
  }

  @Override
  public synchronized void onDelete(T obj, boolean deletedFinalStateUnknown) {
    if (!stopped) delegate.onDelete(obj, deletedFinalStateUnknown);
  }
}
