/**
 * Jupyter kernel specs: what {@code kernels/<name>/kernel.json} says about starting a kernel, and finding them on
 * Jupyter's data path the way {@code jupyter kernelspec list} does.
 *
 * <p>Only reads files; starting a kernel is a runtime backend's job, so nothing here launches processes.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/kernels.html#kernel-specs">Kernel specs</a>
 */
package io.jotter.scheduler.kernelspec;
