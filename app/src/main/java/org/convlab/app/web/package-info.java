/**
 * The web explorer behind {@code ./convlab serve}: a small Javalin (Jetty 12) server bound to
 * 127.0.0.1 that serves three pages from {@code resources/web/} and the JSON and PNG endpoints
 * they call.
 *
 * <ul>
 *   <li>{@link org.convlab.app.web.ConvolutionView} — {@code GET /api/conv}: output size and
 *       formula, unread inputs, the matrix K, every output element's expression and window,
 *       and the shared / unshared / dense counts, all from the algebra module;</li>
 *   <li>{@link org.convlab.app.web.EquivarianceService} — {@code GET /api/equivariance} and
 *       {@code GET /api/equivariance/{input,cnn,mlp}.png}: the notebook's 49 positions, the
 *       untrained CNN and MLP run by the engine per request, and the lab's
 *       {@link org.convlab.lab.equivariance.EquivarianceError};</li>
 *   <li>{@link org.convlab.app.web.ReportFiles} — {@code GET /reports/...}: the latest report
 *       directory, read-only.</li>
 * </ul>
 * The images come from the data module ({@link org.convlab.app.web.ImageSources},
 * {@link org.convlab.app.web.DataImages}): the test split of the {@code --data} set, loaded after
 * the server starts. Every parameter is bounded ({@link org.convlab.app.web.Limits}); bad input
 * gets a 4xx and one line of JSON, {@code {"error": "..."}}, which the pages show; at most
 * {@link org.convlab.app.web.Limits#HEAVY_CONCURRENT} requests compute at once
 * ({@link org.convlab.app.web.WorkGate}). {@link org.convlab.app.web.ExplorerServer} lists the routes
 * and the defences.
 */
package org.convlab.app.web;
