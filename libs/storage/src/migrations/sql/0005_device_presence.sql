-- Device presence from hp/v1/devices/{code}/status: the retained "online" message a device publishes on
-- connect, and the last will ({"online": false}) the broker publishes when the connection is lost.
ALTER TABLE devices ADD COLUMN online boolean;
ALTER TABLE devices ADD COLUMN presence_at timestamptz;
ALTER TABLE devices ADD COLUMN firmware text;
