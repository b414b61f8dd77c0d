/**
 * What the lab's reports are made of: charts drawn by XChart
 * ({@link org.convlab.lab.reporting.Charts}), tensors rendered as images
 * ({@link org.convlab.lab.reporting.Pictures}), the offline HTML page
 * ({@link org.convlab.lab.reporting.HtmlPage}) and JSON ({@link org.convlab.lab.reporting.LabJson}).
 * Charts, pictures and animated GIFs become files through data's
 * {@link org.convlab.data.image.ImageFiles}, convlab's one image writer.
 */
package org.convlab.lab.reporting;
