/** How many terminal columns the CLI's table gives a cell (issue #17: Hangul names misaligned the table). */
import { describe, expect, it } from "vitest";
import { displayWidth, padEndDisplay } from "../../provider/cli/width";

describe("displayWidth", () => {
  it("counts ASCII one column per character", () => {
    expect(displayWidth("www.example.com")).toBe(15);
    expect(displayWidth("")).toBe(0);
  });

  it("counts Hangul, CJK ideographs, kana and fullwidth forms two columns each", () => {
    expect(displayWidth("인증서")).toBe(6);
    expect(displayWidth("예시.한국")).toBe(9);
    expect(displayWidth("証明書")).toBe(6);
    expect(displayWidth("テスト")).toBe(6);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("한a")).toBe(3);
  });

  it("gives combining marks, zero-width characters and joined emoji no extra columns", () => {
    expect(displayWidth("e\u0301")).toBe(1); // e + combining acute
    expect(displayWidth("\u1100\u1161")).toBe(2); // 가 written as two conjoining jamo
    expect(displayWidth("a\u200bb")).toBe(2); // zero width space
    expect(displayWidth("👩‍💻")).toBe(2); // one emoji made of three code points
    expect(displayWidth("\u001b")).toBe(0);
  });
});

describe("padEndDisplay", () => {
  it("pads to a display width, so wide and narrow cells line up", () => {
    expect(padEndDisplay("인증서", 8)).toBe("인증서  ");
    expect(padEndDisplay("abc", 8)).toBe("abc     ");
    expect(displayWidth(padEndDisplay("인증서", 8))).toBe(displayWidth(padEndDisplay("abc", 8)));
    expect(padEndDisplay("too long", 3)).toBe("too long");
  });
});
