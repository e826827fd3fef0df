// Check-in page: read badge QR codes with the camera where the browser has BarcodeDetector,
// and submit the code like the manual field does. Without it the manual field is the way.
(function () {
  "use strict";
  function ready() {
    var form = document.getElementById("checkin-form");
    if (!form) { return; }
    var field = form.querySelector("input[name=code]");
    document.body.addEventListener("htmx:afterRequest", function () {
      if (field) { field.value = ""; field.focus(); }
    });
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      document.getElementById("scanner-unsupported").hidden = false;
      return;
    }
    var scanner = document.getElementById("scanner");
    var video = document.getElementById("scanner-video");
    var start = document.getElementById("scanner-start");
    scanner.hidden = false;
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var lastCode = "";
    var lastAt = 0;
    function scan() {
      detector.detect(video).then(function (codes) {
        var now = Date.now();
        if (codes.length && (codes[0].rawValue !== lastCode || now - lastAt > 3000)) {
          lastCode = codes[0].rawValue;
          lastAt = now;
          field.value = lastCode;
          form.requestSubmit();
        }
      }).catch(function () { /* a frame that cannot be read: try the next one */ }).finally(function () {
        window.setTimeout(scan, 300);
      });
    }
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        return video.play();
      }).then(function () {
        start.hidden = true;
        scan();
      }).catch(function () {
        document.getElementById("scanner-unsupported").hidden = false;
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
