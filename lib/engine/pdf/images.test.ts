import { describe, expect, it } from "vitest";
import { type ImageOps, imageRects } from "./images";

// The codes are pdfjs's own numbers in spirit only: the walk reads whatever table it is given.
const OPS: ImageOps = {
  save: 10,
  restore: 11,
  transform: 12,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintImageMaskXObject: 83,
  paintSolidColorImageMask: 90,
  paintImageXObjectRepeat: 88,
  paintImageMaskXObjectRepeat: 89,
  paintImageMaskXObjectGroup: 84,
  paintInlineImageXObjectGroup: 87,
};

/** A 600 × 800 pt page rendered at scale 2: PDF user space (y up) → pixels (y down). */
const VIEWPORT = [2, 0, 0, -2, 0, 1600];

describe("imageRects", () => {
  it("places an image drawn into the unit square under the current transform, in raster pixels", () => {
    const ops = { fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore], argsArray: [null, [100, 0, 0, 50, 20, 700], ["img1"], null] };
    expect(imageRects(ops, OPS, VIEWPORT, 1200, 1600)).toEqual([{ x: 40, y: 100, width: 200, height: 100 }]);
  });

  it("nests a form's matrix and forgets a transform after its restore", () => {
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.restore, OPS.paintFormXObjectBegin, OPS.transform, OPS.paintImageMaskXObject, OPS.paintFormXObjectEnd],
      argsArray: [
        null,
        [9, 0, 0, 9, 0, 0],
        null,
        [
          [1, 0, 0, 1, 100, 100],
          [0, 0, 10, 10],
        ],
        [10, 0, 0, 10, 0, 0],
        [{}],
        null,
      ],
    };
    expect(imageRects(ops, OPS, VIEWPORT, 1200, 1600)).toEqual([{ x: 200, y: 1380, width: 20, height: 20 }]);
  });

  it("says nothing is painted on a page of text and rules, and gives up on repeated images", () => {
    expect(imageRects({ fnArray: [OPS.save, OPS.restore], argsArray: [null, null] }, OPS, VIEWPORT, 1200, 1600)).toEqual([]);
    expect(imageRects({ fnArray: [OPS.paintImageXObjectRepeat], argsArray: [["img", 1, 1, [0, 0]]] }, OPS, VIEWPORT, 1200, 1600)).toBeUndefined();
  });

  it("clips an image to the page and drops one painted off it", () => {
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore, OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore],
      argsArray: [null, [700, 0, 0, 100, 0, 0], ["a"], null, null, [50, 0, 0, 50, -500, 0], ["b"], null],
    };
    expect(imageRects(ops, OPS, VIEWPORT, 1200, 1600)).toEqual([{ x: 0, y: 1400, width: 1200, height: 200 }]);
  });
});
