/** The kernels a user may start ({@code /api/kernelspecs}): the built-in Java kernel and the machine's kernelspecs. */
package io.jotter.server.kernelspecs;
