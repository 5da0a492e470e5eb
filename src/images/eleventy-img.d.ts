// The slice of @11ty/eleventy-img 6.0.4 (which ships no types) that src/images/encode-images.ts uses.
declare module "@11ty/eleventy-img" {
  interface ImageOptions {
    widths: number[];
    formats: string[];
    outputDir: string;
    urlPath: string;
    filenameFormat: (id: string, src: string, width: number, format: string) => string;
    formatFiltering: false | string[];
    sharpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
    sharpGifOptions?: Record<string, unknown>;
    useCache?: boolean;
    minimumThreshold?: number;
  }
  interface ImageStat {
    format: string;
    width: number;
    height: number;
    filename: string;
    outputPath: string;
  }
  interface ImageFunction {
    (src: string, options: ImageOptions): Promise<Record<string, ImageStat[]>>;
    concurrency: number;
    getWidths(originalWidth: number, widths: number[], allowUpscale: boolean, minimumThreshold: number): number[];
  }
  const Image: ImageFunction;
  export default Image;
}
