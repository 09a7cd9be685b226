/**
 * The Jupyter messaging protocol (version 5.3 and later) as types: the connection file,
 * message headers, one record per message kind, HMAC-SHA256 signing and the multipart wire
 * framing over ZeroMQ.
 *
 * <p>Both ends use it: the kernel process and the server's kernel gateway. It must never
 * depend on JShell, TensorFlow or anything of the kernel's evaluation, so the server can load
 * it without the tensor runtime.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/messaging.html">Messaging in Jupyter</a>
 */
package io.jotter.kernel.protocol;
