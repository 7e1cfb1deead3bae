// Camera scanning for the check-in page: where the browser has the
// BarcodeDetector API, a "scan" button opens the back camera, reads a QR
// code and puts the check-in code into the form. Without the API the typed
// form is all there is.
(function () {
  const form = document.getElementById("checkin-form");
  const box = form && form.querySelector(".scan");
  if (!box) {
    return;
  }
  box.hidden = false;
  const button = document.getElementById("scan-button");
  const video = document.getElementById("scan-video");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    button.disabled = true;
    const note = document.createElement("p");
    note.className = "field__hint";
    note.textContent = box.dataset.unsupported;
    box.appendChild(note);
    return;
  }

  button.addEventListener("click", async () => {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();

    const stop = () => {
      stream.getTracks().forEach((track) => track.stop());
      video.hidden = true;
    };
    const scan = async () => {
      try {
        const codes = await detector.detect(video);
        if (codes.length > 0) {
          const text = codes[0].rawValue;
          const code = text.includes("/checkin/") ? text.split("/checkin/").pop() : text;
          form.querySelector("[name=code]").value = code.split(/[?#/]/)[0];
          stop();
          form.querySelector("[name=present]").focus();
          return;
        }
      } catch (error) {
        stop();
        return;
      }
      requestAnimationFrame(scan);
    };
    requestAnimationFrame(scan);
  });
})();
